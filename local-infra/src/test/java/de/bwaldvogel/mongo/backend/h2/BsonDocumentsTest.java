package de.bwaldvogel.mongo.backend.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/** The stand-in's document form: BSON under its own tag, and a document Java-serialised before still read. */
class BsonDocumentsTest {

    private static Document complaint() {
        return new Document("_id", "c-1").append("revision", 3L).append("count", 7).append("score", 2.5)
                .append("open", true).append("resolvedAt", null).append("at", Instant.parse("2026-11-29T10:15:30.123Z"))
                .append("customer", new Document("id", "k-9").append("phone", "+5511900000000"))
                .append("tags", List.of("billing", 2, new Document("x", 1L)));
    }

    @Test
    void aDocumentIsWrittenAsBsonAndReadBackEqual() {
        WriteBuffer buffer = new WriteBuffer();
        new ValueOrderedKeysH2Backend.BsonDocuments().write(buffer, complaint());
        ByteBuffer written = buffer.getBuffer().flip();

        assertEquals((byte) 0xF1, written.get(0), "our tag, not ObjectDataType's serialised-object tag (19)");
        // the tag, the length as H2's varint, then BSON, which starts with its own length (a little-endian int32)
        ByteBuffer probe = written.duplicate();
        probe.get();
        int bsonLength = DataUtils.readVarInt(probe);
        assertEquals(bsonLength, Integer.reverseBytes(probe.getInt()));
        assertEquals(bsonLength, probe.remaining() + 4);
        int end = written.limit();
        assertEquals(complaint(), new ValueOrderedKeysH2Backend.BsonDocuments().read(written));
        assertEquals(end, written.position(), "the read ends where the value ends");
    }

    @Test
    void aDocumentJavaSerialisedByTheLibraryIsStillRead() {
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, complaint());
        buffer.put((byte) 42); // the next value on the page
        ByteBuffer written = buffer.getBuffer().flip();
        assertNotEquals((byte) 0xF1, written.get(0));

        assertEquals(complaint(), new ValueOrderedKeysH2Backend.BsonDocuments().read(written));
        assertEquals(42, written.get(), "the read ends where the value ends");
    }

    @Test
    void otherValuesAreWrittenAsObjectDataTypeWritesThem() {
        WriteBuffer ours = new WriteBuffer();
        new ValueOrderedKeysH2Backend.BsonDocuments().write(ours, "dataSize");
        WriteBuffer library = new WriteBuffer();
        new ObjectDataType().write(library, "dataSize");
        assertEquals(library.getBuffer().flip(), ours.getBuffer().flip());
    }
}
