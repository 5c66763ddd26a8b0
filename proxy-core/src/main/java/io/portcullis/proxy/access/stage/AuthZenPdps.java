package io.portcullis.proxy.access.stage;

import io.portcullis.config.AuthZenPdpConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpAnswers;
import io.portcullis.policy.PdpQuery;
import io.portcullis.policy.PdpQuestion;
import io.portcullis.policy.RequestFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.pdp.PdpClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The config's {@code authzen_pdps}, asked for the questions of the route's policy
 * ({@link io.portcullis.policy.Policy#pdpQueries()}), all at once; the answers complete together. A
 * cached answer completes at once, so a request whose answers are all cached continues on its thread. A
 * query naming a PDP the config lacks (which {@code check} refuses) or one that cannot be formed
 * (anonymous, no resource id) is not asked: its criterion is unknown.
 */
public final class AuthZenPdps implements ExternalDecisionStage {

    private final Map<String, PdpClient> clients;

    AuthZenPdps(Map<String, PdpClient> clients) {
        this.clients = Map.copyOf(clients);
    }

    /** The PDPs of {@code config}, each with its own cache; {@link #NONE} when it declares none. */
    public static ExternalDecisionStage forConfig(PortcullisConfig config) {
        if (config.authzenPdps().isEmpty()) {
            return NONE;
        }
        Map<String, PdpClient> clients = new HashMap<>();
        for (AuthZenPdpConfig pdp : config.authzenPdps().values()) {
            clients.put(pdp.id(), new PdpClient(pdp, PdpClient.sharedHttp()));
        }
        return new AuthZenPdps(clients);
    }

    @Override
    public CompletableFuture<PdpAnswers> answers(AccessRequest request, IdentityFacts identity) {
        List<PdpQuery> queries = request.route().policy().pdpQueries();
        if (queries.isEmpty() || identity == null) {
            return NOTHING_ASKED;
        }
        RequestFacts facts = request.facts();
        Map<PdpQuestion, CompletableFuture<Boolean>> asked = new LinkedHashMap<>();
        for (PdpQuery query : queries) {
            PdpQuestion question = query.question(facts, identity);
            PdpClient client = clients.get(query.pdp());
            if (question != null && client != null && !asked.containsKey(question)) {
                asked.put(question, client.decide(question, identity));
            }
        }
        CompletableFuture<?>[] all = asked.values().toArray(new CompletableFuture<?>[0]);
        CompletableFuture<Void> done = CompletableFuture.allOf(all);
        return done.isDone() ? CompletableFuture.completedFuture(collect(asked)) : done.thenApply(v -> collect(asked));
    }

    /** The answers given; an unavailable one (null) is left out, so its criterion is unknown. */
    private static PdpAnswers collect(Map<PdpQuestion, CompletableFuture<Boolean>> asked) {
        Map<PdpQuestion, Boolean> given = new HashMap<>();
        asked.forEach((question, answer) -> {
            Boolean decision = answer.isCompletedExceptionally() ? null : answer.getNow(null);
            if (decision != null) {
                given.put(question, decision);
            }
        });
        return new PdpAnswers(given);
    }
}
