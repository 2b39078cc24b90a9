package de.bwaldvogel.mongo.backend.h2;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * mongo-java-server's H2 backend with unique indexes (the {@code _id} index among them) whose keys are ordered by
 * their values. The library opens each index map with H2's {@code ObjectDataType}, which orders a key class it does
 * not know ({@code KeyValue}) by Java-serialising both keys at every comparison of every B-tree search: under the
 * suite's intake load that was about half of the stand-in's CPU (issue 15, a JFR profile of the mongodb process).
 * Their order (and the compact form most keys are written in) differs from the library's, so a data file whose
 * indexes were written by the library's backend must keep it ({@code MongoWireServer} decides). Documents are
 * written as BSON ({@link BsonDocuments}).
 * <p>
 * In the library's package because {@link H2UniqueIndex}'s constructor is package-private.
 */
public final class ValueOrderedKeysH2Backend extends H2Backend {

    public ValueOrderedKeysH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    private static final class Database extends H2Database {

        private static final Field STORE;

        static {
            try {
                STORE = H2Database.class.getDeclaredField("mvStore");
                STORE.setAccessible(true);
            } catch (NoSuchFieldException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        /** The library's own method, with documents written as BSON. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVStore store = store();
            MVMap<Object, Document> dataMap = store.openMap(H2Database.DATABASES_PREFIX + fullName,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocuments()));
            MVMap<String, Object> metaMap = store.openMap("meta." + fullName);
            return new H2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        /**
         * The library's own method with a key type that compares values. Called from H2Database's constructor, before
         * a field of this class could be set: the store is read from the library's field, which is set by then.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<KeyValue, Object> map = store().openMap(getFullCollectionNamespace(collectionName) + "._index_"
                    + indexName, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeys()));
            return new H2UniqueIndex(map, indexName, keys, sparse);
        }

        /**
         * One top-level field, ascending: an index of ours ({@link SingleFieldIndex}) in a map named as the library
         * names an index's; any other secondary index stays what the library makes of it (none).
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            if (sparse || !SingleFieldIndex.covers(keys)) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            MVMap<KeyValue, Object> map = store().openMap(getFullCollectionNamespace(collectionName) + "._index_"
                    + indexName, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeys()));
            return new SingleFieldIndex(map, indexName, keys);
        }

        /** The library's field: these methods are called from H2Database's constructor, before ours could be set. */
        private MVStore store() {
            try {
                return (MVStore) STORE.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Documents written as BSON, the form MongoDB keeps them in and the one the wire protocol already encodes them
     * to, instead of ObjectDataType's Java serialisation, which re-serialised every document of every page a
     * write touched at each commit (JFR: the larger part of the stand-in's CPU while analytics drained a backlog,
     * once the index keys were compact). A value under ObjectDataType's own tags (a data file written before, or
     * a value BSON has no type for) is read as ObjectDataType does; ours is a tag it never writes.
     */
    static final class BsonDocuments extends ObjectDataType {

        private static final byte BSON = (byte) 0xF1;
        /** Java objects take several times their BSON size: the page-size estimate MVStore splits pages by. */
        private static final int MEMORY_PER_BSON_BYTE = 3;
        private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

        private volatile int averageMemory = 2_000;

        @Override
        public void write(WriteBuffer buff, Object obj) {
            if (!(obj instanceof Document document)) {
                super.write(buff, obj);
                return;
            }
            ByteBuf bson = BUFFER.get().clear();
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException unknownType) {
                super.write(buff, obj); // Java-serialised, as the library would
                return;
            }
            int length = bson.readableBytes();
            averageMemory = (length * MEMORY_PER_BSON_BYTE + 15 * averageMemory) / 16;
            buff.put(BSON).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != BSON) {
                return super.read(buff);
            }
            buff.get();
            int length = DataUtils.readVarInt(buff);
            ByteBuffer bson = buff.slice();
            bson.limit(length);
            buff.position(buff.position() + length);
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }

        @Override
        public int getMemory(Object obj) {
            return obj instanceof Document ? averageMemory : super.getMemory(obj);
        }
    }

    /**
     * {@code KeyValue}s compared value by value, as MongoDB orders them, and written compactly when they hold only
     * strings, numbers, dates and nulls (every key the suite's indexes hold): ObjectDataType Java-serialises them at
     * every page write, a fifth of the stand-in's CPU while analytics drained a backlog (JFR). Anything else is
     * written and read as ObjectDataType does, under its own tags; ours is one ObjectDataType never writes.
     */
    static final class ValueOrderedKeys extends ObjectDataType {

        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
        private static final byte COMPACT = (byte) 0xF0;
        private static final byte STRING = 's';
        private static final byte LONG = 'l';
        private static final byte INTEGER = 'i';
        private static final byte DOUBLE = 'd';
        private static final byte DATE = 't';
        private static final byte NULL = 'n';

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                int n = Math.min(x.size(), y.size());
                for (int i = 0; i < n; i++) {
                    int c = VALUES.compare(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x.size(), y.size());
            }
            return super.compare(a, b);
        }

        @Override
        public void write(WriteBuffer buff, Object obj) {
            if (!(obj instanceof KeyValue key) || !key.stream().allMatch(ValueOrderedKeys::compact)) {
                super.write(buff, obj);
                return;
            }
            buff.put(COMPACT).putVarInt(key.size());
            for (Object value : key) {
                if (value instanceof String text) {
                    buff.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
                } else if (value instanceof Long number) {
                    buff.put(LONG).putVarLong(number);
                } else if (value instanceof Integer number) {
                    buff.put(INTEGER).putVarInt(number);
                } else if (value instanceof Instant date) {
                    buff.put(DATE).putLong(date.toEpochMilli()); // a BSON date: milliseconds
                } else if (value == null) {
                    buff.put(NULL);
                } else {
                    buff.put(DOUBLE).putLong(Double.doubleToRawLongBits((Double) value));
                }
            }
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != COMPACT) {
                return super.read(buff);
            }
            buff.get();
            Object[] values = new Object[DataUtils.readVarInt(buff)];
            for (int i = 0; i < values.length; i++) {
                byte type = buff.get();
                values[i] = switch (type) {
                    case STRING -> DataUtils.readString(buff, DataUtils.readVarInt(buff));
                    case LONG -> DataUtils.readVarLong(buff);
                    case INTEGER -> DataUtils.readVarInt(buff);
                    case DOUBLE -> Double.longBitsToDouble(buff.getLong());
                    case DATE -> Instant.ofEpochMilli(buff.getLong());
                    case NULL -> null;
                    default -> throw new IllegalStateException("unknown value type " + type + " in an index key");
                };
            }
            return new KeyValue(values);
        }

        private static boolean compact(Object value) {
            return value == null || value instanceof String || value instanceof Long || value instanceof Integer
                    || value instanceof Double || value instanceof Instant;
        }
    }
}
