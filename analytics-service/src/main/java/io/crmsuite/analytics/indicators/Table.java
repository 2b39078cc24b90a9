package io.crmsuite.analytics.indicators;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An answer for BI tools: rows with fixed columns. JSON shows {@code asOf}, {@code granularity} and
 * {@code rows} and any extra figures at the top level; {@code text/csv} shows the same rows under a header of the column names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Table(Instant asOf, String granularity, @JsonIgnore List<String> columns,
        List<Map<String, Object>> rows, @JsonAnyGetter Map<String, Object> extra) {

    /** Starts a row with the columns in their documented order. */
    public static Map<String, Object> row() {
        return new LinkedHashMap<>();
    }
}
