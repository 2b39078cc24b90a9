package io.crmsuite.customer.lifecycle;

import io.crmsuite.platform.text.FreeText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /customers/{id}/churn}: why the customer was lost and, if known, to which competitor. The reason is one
 * of {@link ChurnReason#GIVEN_BY_CLIENTS}: INACTIVE is refused ({@link LifecycleService#churn}).
 */
public record ChurnRequest(@NotNull ChurnReason reason, @Size(max = 200) String competitor, @Size(max = 2000) @FreeText String note) {
}
