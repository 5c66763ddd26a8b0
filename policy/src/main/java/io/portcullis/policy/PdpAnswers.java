package io.portcullis.policy;

import java.util.Map;

/**
 * What external PDPs answered for this request: the fact an {@code authzen} criterion reads. A question
 * without an answer (the PDP was down, slow, answered malformed JSON or an error status, or was never
 * asked) is {@link Tri#UNKNOWN}, which never allows.
 *
 * @param answers each answered question's {@code decision}
 */
public record PdpAnswers(Map<PdpQuestion, Boolean> answers) {

    /** No answers: every {@code authzen} criterion is UNKNOWN. */
    public static final PdpAnswers NONE = new PdpAnswers(Map.of());

    public PdpAnswers {
        answers = Map.copyOf(answers);
    }

    /** TRUE or FALSE as the PDP said, UNKNOWN when it gave no usable answer. */
    public Tri answer(PdpQuestion question) {
        Boolean decision = answers.get(question);
        return decision == null ? Tri.UNKNOWN : Tri.of(decision);
    }
}
