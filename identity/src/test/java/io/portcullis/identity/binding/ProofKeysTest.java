package io.portcullis.identity.binding;

import static io.portcullis.identity.binding.ProofBed.TOKEN;
import static io.portcullis.identity.binding.ProofBed.URI;
import static io.portcullis.identity.binding.ProofBed.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.fixtures.DPoPClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client's proof header is checked once and its key derived once; a proof that reuses a known
 * header still has its own signature, claims and identifier checked, and a bad header is refused every
 * time it comes.
 */
class ProofKeysTest {

    private static final DPoPClient CLIENT = DPoPClient.es256();
    private static final DPoPClient OTHER = DPoPClient.es256();

    private static String headerOf(String proof) {
        return proof.substring(0, proof.indexOf('.'));
    }

    @Test
    void aHeaderSeenBeforeIsNotCheckedAgain() throws Refusal {
        ProofKeys keys = new ProofKeys(ProofBed.settings().algorithms(), 10);
        String header = headerOf(CLIENT.proof("GET", URI, TOKEN));
        ProofKey first = keys.of(header);
        assertSame(first, keys.of(header));
        assertSame(first, keys.of(headerOf(CLIENT.proof("POST", URI, TOKEN))), "the same client, the same header");
        assertEquals(CLIENT.thumbprint(), first.thumbprint());
    }

    @Test
    void aKnownHeaderDoesNotLetAForgedSignatureOrAReplayThrough() {
        DPoPProofCheck check = new DPoPProofCheck(ProofBed.settings());
        String valid = CLIENT.forge("GET", URI, TOKEN).sign();
        String forged = CLIENT.forge("GET", URI, TOKEN).signedBy(OTHER).sign();
        assertEquals(headerOf(valid), headerOf(forged), "the forgery reuses the client's header");

        assertEquals(new BindingOutcome.Accepted(Binding.DPOP),
                now(check.check(List.of(valid), "GET", URI, TOKEN, CLIENT.thumbprint())));
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_SIGNATURE_INVALID),
                now(check.check(List.of(forged), "GET", URI, TOKEN, CLIENT.thumbprint())));
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_REPLAYED),
                now(check.check(List.of(valid), "GET", URI, TOKEN, CLIENT.thumbprint())));
        assertEquals(new BindingOutcome.Refused(BindingFailure.DPOP_HTM_MISMATCH),
                now(check.check(List.of(CLIENT.forge("POST", URI, TOKEN).sign()), "GET", URI, TOKEN, CLIENT.thumbprint())));
    }

    @Test
    void aRefusedHeaderIsRefusedEveryTime() {
        ProofKeys keys = new ProofKeys(ProofBed.settings().algorithms(), 10);
        String unsigned = headerOf(CLIENT.forge("GET", URI, TOKEN).unsigned());
        for (int i = 0; i < 2; i++) {
            Refusal r = assertThrows(Refusal.class, () -> keys.of(unsigned));
            assertEquals(BindingFailure.DPOP_ALGORITHM_NOT_ALLOWED, r.reason());
        }
    }

    @Test
    void pastItsBoundEachHeaderStillGetsItsOwnKey() throws Refusal {
        ProofKeys keys = new ProofKeys(ProofBed.settings().algorithms(), 1);
        List<DPoPClient> clients = List.of(CLIENT, OTHER, DPoPClient.es256());
        for (int round = 0; round < 3; round++) {
            for (DPoPClient client : clients) {
                assertEquals(client.thumbprint(), keys.of(headerOf(client.proof("GET", URI, TOKEN))).thumbprint());
            }
        }
    }
}
