package io.portcullis.identity.binding;

import static io.portcullis.identity.binding.ProofBed.TOKEN;
import static io.portcullis.identity.binding.ProofBed.URI;

import io.portcullis.fixtures.DPoPClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever arrives in a {@code DPoP} header, the check answers with a reason and never throws: random
 * text, random JSON-ish segments, and a valid proof with one character changed (never accepted: the
 * signature or the header would have to survive the change).
 */
class DPoPProofFuzzTest {

    private static final DPoPClient CLIENT = DPoPClient.es256();
    private static final DPoPProofCheck CHECK = new DPoPProofCheck(ProofBed.settings());
    private static final String VALID = CLIENT.proof("GET", URI, TOKEN);

    private static BindingOutcome check(String proof) {
        CompletableFuture<BindingOutcome> outcome = CHECK.check(List.of(proof), "GET", URI, TOKEN, CLIENT.thumbprint())
                .toCompletableFuture();
        if (!outcome.isDone() || outcome.isCompletedExceptionally()) {
            throw new AssertionError("the check must complete normally at once");
        }
        return outcome.join();
    }

    @Property(tries = 500)
    void arbitraryTextIsRefused(@ForAll("text") String proof) {
        if (!(check(proof) instanceof BindingOutcome.Refused)) {
            throw new AssertionError("accepted: " + proof);
        }
    }

    @Property(tries = 500)
    void arbitrarySegmentsAreRefused(@ForAll("json") String header, @ForAll("json") String payload,
            @ForAll("text") String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String proof = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature;
        if (!(check(proof) instanceof BindingOutcome.Refused)) {
            throw new AssertionError("accepted: " + proof);
        }
    }

    @Property(tries = 500)
    void aValidProofWithOneCharacterChangedIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int at,
            @ForAll("characters") char replacement) {
        int index = at % VALID.length();
        if (VALID.charAt(index) == replacement) {
            return;
        }
        String mutated = VALID.substring(0, index) + replacement + VALID.substring(index + 1);
        BindingOutcome outcome = check(mutated);
        if (!(outcome instanceof BindingOutcome.Refused)) {
            // A change in the last character of a segment may hit only base64 padding bits; such a proof is
            // the same proof, so the only legitimate acceptance is of the original bytes.
            byte[] original = decodeAll(VALID);
            byte[] changed = decodeAll(mutated);
            if (changed == null || !java.util.Arrays.equals(original, changed)) {
                throw new AssertionError("accepted a changed proof: " + mutated);
            }
        }
    }

    private static byte[] decodeAll(String proof) {
        try {
            StringBuilder all = new StringBuilder();
            for (String segment : proof.split("\\.", -1)) {
                all.append(Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(segment))).append('|');
            }
            return all.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("abcXYZ019-_.=+/ {}\":,").ofMaxLength(300));
    }

    @Provide
    Arbitrary<String> json() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.of("{}", "[]", "null", "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\"}",
                        "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{}}",
                        "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":1}}",
                        "{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}",
                        "{\"typ\":\"dpop+jwt\",\"alg\":5}", "{\"typ\":[],\"alg\":\"ES256\"}",
                        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":1e400}",
                        "{\"jti\":{},\"htm\":[],\"htu\":7,\"iat\":\"x\"}", "{\"a\":" + "[".repeat(500) + "}"));
    }

    @Provide
    Arbitrary<Character> characters() {
        return Arbitraries.chars().with("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=+/ %\u00e9");
    }
}
