package io.crmsuite.customer.profile;

import io.crmsuite.platform.text.FreeText;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a client sends to create ({@code POST}) or replace ({@code PUT}) a customer. */
public record CustomerRequest(
        @NotNull Kind kind,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20) List<@NotNull @Valid ContactMethod> contactMethods,
        @Size(max = 10) List<@NotNull @Valid Address> addresses,
        @Size(max = 20) List<@NotNull @Valid ContactPerson> contactPersons,
        @Size(max = 100) String businessCategory,
        @Size(max = 100) String region,
        @Size(max = 100) String accountOwner,
        @Size(max = 2000) @FreeText String specialRequirements,
        UUID referredBy,
        @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags) {
}
