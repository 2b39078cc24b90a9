package io.crmsuite.complaint.intake;

import io.crmsuite.platform.text.FreeText;
import java.time.Instant;
import java.util.Map;

import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /complaints}. Either {@code customerId} or a {@code contact} (phone or e-mail) identifies the
 * complainant; {@code occurredAt} is when the customer actually complained, from which the clock starts.
 */
public record IntakeRequest(
        @Pattern(regexp = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
                message = "must be a customer id (UUID)") String customerId,
        @Valid Contact contact,
        @NotNull Channel channel,
        @NotNull Category category,
        @NotNull Severity severity,
        @NotBlank @Size(max = 5000) @FreeText String description,
        @NotBlank @Size(max = 100) String source,
        @Size(max = 100) String externalRef,
        Instant occurredAt,
        Map<@NotBlank @Size(max = 50) String, @NotNull @Size(max = 500) String> attributes) {

    public record Contact(@Size(max = 30) String phone, @Size(max = 254) String email) {
    }
}
