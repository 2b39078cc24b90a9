package io.crmsuite.complaint.handling;

import io.crmsuite.platform.text.FreeText;
import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the handling actions. {@code actor} (optional) names who acts; else the X-Actor header does. */
public final class ActionRequests {

    /** The longest name of who acts, in a body's {@code actor} or in X-Actor ({@code ActionHeaders}). */
    public static final int MAX_ACTOR = 100;

    private ActionRequests() {
    }

    public record Acknowledge(@Size(max = 2000) @FreeText String message, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Assign(@NotBlank @Size(max = 100) String agent, @Size(max = 100) String team,
            @Size(max = MAX_ACTOR) String actor) {
    }

    public record Hold(@NotBlank @Size(max = 2000) @FreeText String reason, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Resume(@Size(max = 2000) @FreeText String note, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Compensation(@NotBlank @Size(max = 50) String kind,
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
    }

    public record Resolve(@NotBlank @Size(max = 50) String resolutionCode, @Size(max = 2000) @FreeText String summary,
            @Valid Compensation compensation, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Reopen(@NotBlank @Size(max = 2000) @FreeText String reason, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Close(@Size(max = 2000) @FreeText String note, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Note(@NotBlank @Size(max = 5000) @FreeText String text, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Satisfaction(@NotNull @Min(1) @Max(5) Integer score, Boolean wouldBuyAgain,
            @Size(max = 2000) @FreeText String comment, @Size(max = MAX_ACTOR) String actor) {
    }

    public record Link(@NotNull @Pattern(regexp = "^[0-9a-fA-F-]{36}$", message = "must be a customer id (UUID)")
            String customerId, @Size(max = MAX_ACTOR) String actor) {
    }
}
