package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.actions.SecurityAction;
import java.util.List;

/**
 * What became of one delivered SET.
 *
 * @param failure null when the SET was accepted and its actions applied
 * @param jti     the SET's {@code jti} when known
 * @param actions the actions applied (empty when refused)
 */
public record IntakeResult(SetFailure failure, String jti, List<SecurityAction> actions) {

    public IntakeResult {
        actions = List.copyOf(actions);
    }

    public boolean accepted() {
        return failure == null;
    }

    static IntakeResult refused(SetFailure failure, String jti) {
        return new IntakeResult(failure, jti, List.of());
    }
}
