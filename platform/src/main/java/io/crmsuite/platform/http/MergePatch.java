package io.crmsuite.platform.http;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crmsuite.platform.problem.Problem;
import io.crmsuite.platform.problem.ProblemException;

/** JSON Merge Patch (RFC 7396): applied to the editable fields of a resource, then read as a full request. */
public final class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private MergePatch() {
    }

    /**
     * Applies {@code patch} to {@code base} and reads the result as {@code type}; unknown or mistyped fields fail
     * the way a request body does (400 naming the field).
     */
    public static <T> T apply(ObjectMapper mapper, JsonNode base, String patch, Class<T> type) throws IOException {
        if (patch == null || patch.isBlank()) {
            throw ProblemException.missingBody(); // as every other body: not "must be a JSON object"
        }
        JsonNode patchNode;
        try {
            patchNode = mapper.readTree(patch);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "the merge patch is not valid JSON"));
        }
        if (patchNode == null || !patchNode.isObject()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "a merge patch must be a JSON object"));
        }
        return mapper.treeToValue(merge(base.deepCopy(), patchNode), type);
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
