package dev.sheetsmith.engine.xlsx.read;

import dev.sheetsmith.domain.CellValue;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a block of rows could match, kept so that find_cells inflates only the blocks that may hold
 * its text: the 3- and 4-character pieces of every value as the finder shows it, hashed into a small
 * bit set (two bits each), one for texts, booleans and dates, one for numbers (which a text with
 * letters never matches). A piece of the searched text missing from a block's sets means no cell of
 * the block holds it: the block is passed over. A set never misses a piece a cell holds, so a block
 * holding a match is never passed over; a piece it wrongly seems to hold only costs an inflate.
 *
 * <p>Case: the finder compares {@code display().toLowerCase(ROOT)} with the lowercased text, or both
 * as they are when case matters. The pieces are taken after lowercasing each character on its own
 * ({@link #fold}): a text containing another still does so, character for character, after that.
 * The set holds the pieces of the value as shown and, when it is not ASCII (where lowercasing a whole
 * string may differ from lowercasing its characters: 'İ', a final sigma), those of its lowercased form
 * too, so both ways of comparing find their pieces.
 */
final class BlockSummary {

    /** Texts shorter than this have no piece to look for: every block is read. */
    static final int SHORTEST = 3;
    /** The bits a block sets, before they are folded down to its size. */
    private static final int MAX_BITS = 1 << 15;

    private final Pieces texts = new Pieces();
    private final Pieces numbers = new Pieces();

    /** Notes a cell's value as the finder shows it. */
    void cell(CellValue value) {
        if (value instanceof CellValue.Empty) {
            return;
        }
        String shown = value.display();
        Pieces into = value instanceof CellValue.Number ? numbers : texts;
        into.addAll(shown);
        if (!ascii(shown)) {
            into.addAll(shown.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes both sets ({@link #mayHold} reads them) and starts afresh. */
    void writeTo(DataOutputStream out) throws IOException {
        texts.writeTo(out);
        numbers.writeTo(out);
        texts.clear();
        numbers.clear();
    }

    /** Skips one block's sets at the buffer's position. */
    static void skip(ByteBuffer in) {
        for (int i = 0; i < 2; i++) {
            int words = in.getShort() & 0xFFFF;
            in.position(in.position() + 8 * words);
        }
    }

    /**
     * Whether the block whose sets start at the buffer's position may hold a cell containing the
     * needle (as the finder compares it); leaves the position after them.
     *
     * @param pieces {@link #pieces} of the needle
     * @param numeric whether the needle could match a number at all
     */
    static boolean mayHold(ByteBuffer in, long[] pieces, boolean numeric) {
        int textAt = in.position();
        int textWords = in.getShort() & 0xFFFF;
        int numberAt = in.position() + 8 * textWords;
        int numberWords = in.getShort(numberAt) & 0xFFFF;
        in.position(numberAt + 2 + 8 * numberWords);
        for (long hash : pieces) {
            if (!has(in, textAt + 2, textWords, hash) && !(numeric && has(in, numberAt + 2, numberWords, hash))) {
                return false;
            }
        }
        return true;
    }

    private static boolean has(ByteBuffer in, int at, int words, long hash) {
        if (words == 0) {
            return false;
        }
        int mask = words * 64 - 1;
        int a = (int) hash & mask;
        int b = (int) (hash >>> 32) & mask;
        return (in.getLong(at + 8 * (a >>> 6)) & (1L << a)) != 0 && (in.getLong(at + 8 * (b >>> 6)) & (1L << b)) != 0;
    }

    /** The hashed pieces of a needle, or an empty array when it is too short to have any. */
    static long[] pieces(String needle) {
        Pieces p = Pieces.listing();
        p.addAll(needle);
        return p.hashes();
    }

    /** Each character lowercased on its own, ASCII without a table. */
    static char fold(char ch) {
        if (ch < 128) {
            return ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
        }
        return Character.toLowerCase(ch);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        key *= 0xc4ceb9fe1a85ec53L;
        key ^= key >>> 33;
        return key;
    }

    /**
     * Hashed pieces, each setting two bits of {@value #MAX_BITS}; written folded down (the halves
     * OR-ed together, which keeps every bit at its hash modulo the smaller size) to about 8 bits per piece.
     */
    private static final class Pieces {
        private final long[] words = new long[MAX_BITS / 64];
        private long[] hashes;
        private int count;
        private boolean empty = true;

        /** Pieces kept as hashes (for a needle) rather than set as bits. */
        static Pieces listing() {
            Pieces p = new Pieces();
            p.hashes = new long[16];
            return p;
        }

        void addAll(String text) {
            int n = text.length();
            if (n < SHORTEST) {
                return;
            }
            long a = fold(text.charAt(0));
            long b = fold(text.charAt(1));
            long c = fold(text.charAt(2));
            add(mix(0x3L << 60 | a << 32 | b << 16 | c));
            for (int i = 3; i < n; i++) {
                long d = fold(text.charAt(i));
                add(mix(a << 48 | b << 32 | c << 16 | d) ^ 0x5bd1e9955bd1e995L);
                add(mix(0x3L << 60 | b << 32 | c << 16 | d));
                a = b;
                b = c;
                c = d;
            }
        }

        private void add(long hash) {
            if (hashes != null) {
                if (count == hashes.length) {
                    hashes = Arrays.copyOf(hashes, count * 2);
                }
                hashes[count++] = hash;
                return;
            }
            int x = (int) hash & (MAX_BITS - 1);
            int y = (int) (hash >>> 32) & (MAX_BITS - 1);
            words[x >>> 6] |= 1L << x;
            words[y >>> 6] |= 1L << y;
            empty = false;
        }

        long[] hashes() {
            return Arrays.copyOf(hashes, count);
        }

        void clear() {
            if (!empty) {
                Arrays.fill(words, 0);
                empty = true;
            }
        }

        void writeTo(DataOutputStream out) throws IOException {
            if (empty) {
                out.writeShort(0);
                return;
            }
            int set = 0;
            for (long w : words) {
                set += Long.bitCount(w);
            }
            int bits = 64;
            while (bits < 4 * set && bits < MAX_BITS) {
                bits *= 2;
            }
            int length = bits / 64;
            for (int half = words.length / 2; half >= length; half /= 2) {
                for (int i = 0; i < half; i++) {
                    words[i] |= words[i + half];
                }
            }
            out.writeShort(length);
            for (int i = 0; i < length; i++) {
                out.writeLong(words[i]);
            }
        }
    }
}
