package dev.sheetsmith.adapters.http.tools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sheetsmith.domain.StreamedList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The items of one large JSON array (a create or append call's rows), written to a scratch file
 * as the request is read, in a compact tagged form, and read back as the same values a JSON tree
 * would hold (lists, maps, text, Long/BigInteger/Double/BigDecimal, booleans, null) once per pass.
 */
final class SpilledRows extends AbstractList<Object> implements StreamedList, Closeable {

    private static final int NULL = 0;
    private static final int TRUE = 1;
    private static final int FALSE = 2;
    private static final int LONG = 3;
    private static final int DOUBLE = 4;
    private static final int BIG_INTEGER = 5;
    private static final int BIG_DECIMAL = 6;
    private static final int TEXT = 7;
    private static final int LIST = 8;
    private static final int MAP = 9;

    private final Path file;
    private final int size;

    private SpilledRows(Path file, int size) {
        this.file = file;
        this.size = size;
    }

    /** Reads the array the parser is at (its START_ARRAY is the current token) into a new scratch file. */
    static SpilledRows spill(JsonParser parser) throws IOException {
        Path file = Files.createTempFile("sheetsmith-rows-", ".bin");
        int count = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                write(parser, out);
                count++;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpilledRows(file, count);
    }

    private static void write(JsonParser parser, DataOutputStream out) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_NULL -> out.writeByte(NULL);
            case VALUE_TRUE -> out.writeByte(TRUE);
            case VALUE_FALSE -> out.writeByte(FALSE);
            case VALUE_STRING -> text(out, TEXT, parser.getText());
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    text(out, BIG_INTEGER, parser.getText());
                } else {
                    out.writeByte(LONG);
                    out.writeLong(parser.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                    text(out, BIG_DECIMAL, parser.getText());
                } else {
                    out.writeByte(DOUBLE);
                    out.writeDouble(parser.getDoubleValue());
                }
            }
            case START_ARRAY -> {
                // the count is not known until the end: items, then an end mark
                out.writeByte(LIST);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    out.writeByte(1);
                    write(parser, out);
                }
                out.writeByte(0);
            }
            case START_OBJECT -> {
                out.writeByte(MAP);
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    out.writeByte(1);
                    text(out, TEXT, parser.currentName());
                    parser.nextToken();
                    write(parser, out);
                }
                out.writeByte(0);
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    private static void text(DataOutputStream out, int tag, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(tag);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case LONG -> {
                long v = in.readLong();
                yield v == (int) v ? (Object) (int) v : (Object) v; // as Jackson's tree: Integer when it fits
            }
            case DOUBLE -> in.readDouble();
            case BIG_INTEGER -> new BigInteger(string(in));
            case BIG_DECIMAL -> new BigDecimal(string(in));
            case TEXT -> string(in);
            case LIST -> {
                List<Object> list = new ArrayList<>();
                while (in.readByte() != 0) {
                    list.add(read(in));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (in.readByte() != 0) {
                    in.readUnsignedByte(); // the key's TEXT tag
                    String key = string(in);
                    map.put(key, read(in));
                }
                yield map;
            }
            default -> throw new IOException("spilled rows are damaged (tag " + tag + ")");
        };
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The items as a plain list, for a call that does not stream (a large body for another tool). */
    List<Object> materialise() {
        List<Object> all = new ArrayList<>(size);
        for (Object item : this) {
            all.add(item);
        }
        return all;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        try (Reader it = iterator()) {
            for (int i = 0; i < index; i++) {
                it.next();
            }
            return it.next();
        }
    }

    @Override
    public Reader iterator() {
        try {
            return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One pass over the items; its file is closed at the end, or by close() when a pass stops early. */
    final class Reader implements Iterator<Object>, AutoCloseable {
        private final DataInputStream in;
        private int read;

        private Reader(DataInputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (read < size) {
                return true;
            }
            close();
            return false;
        }

        @Override
        public Object next() {
            if (read >= size) {
                throw new NoSuchElementException();
            }
            try {
                Object item = read(in);
                if (++read == size) {
                    close();
                }
                return item;
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // a read-only stream: nothing was lost
            }
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
