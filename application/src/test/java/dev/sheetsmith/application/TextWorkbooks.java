package dev.sheetsmith.application;

import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.out.FileStore;
import dev.sheetsmith.ports.out.ScratchSpace;
import dev.sheetsmith.ports.out.WorkbookEditor;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-text "workbook" for service tests: a format that writes one line per sheet, and an
 * editor that appends one line per edit, so what a revision holds can be read back exactly.
 */
final class TextWorkbooks {

    private TextWorkbooks() {
    }

    static final class TextFormat implements FormatPlugin {
        private final String id;

        TextFormat(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String extension() {
            return id;
        }

        @Override
        public String mediaType() {
            return "text/plain";
        }

        @Override
        public void write(WorkbookView workbook, OutputStream out) throws IOException {
            StringBuilder text = new StringBuilder();
            workbook.sheets().forEach(s -> text.append("sheet ").append(s.name()));
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Edits "txt" files only: each edit appends a line with its description. */
    static final class TextEditor implements WorkbookEditor {
        final AtomicInteger applied = new AtomicInteger();

        @Override
        public java.util.Set<String> formats() {
            return java.util.Set.of("txt");
        }

        @Override
        public String apply(InputStream current, WorkbookEdit edit, OutputStream out) throws IOException {
            applied.incrementAndGet();
            current.transferTo(out);
            out.write(("\n" + edit.describe()).getBytes(StandardCharsets.UTF_8));
            return "did " + edit.describe();
        }

        @Override
        public String applyAll(InputStream current, List<WorkbookEdit> edits, OutputStream out) throws IOException {
            byte[] text = current.readAllBytes();
            for (WorkbookEdit edit : edits) {
                ByteArrayOutputStream next = new ByteArrayOutputStream();
                apply(new ByteArrayInputStream(text), edit, next);
                text = next.toByteArray();
            }
            out.write(text);
            return "finished";
        }
    }

    /** Scratch room in memory that counts what is held and not yet closed. */
    static final class MemoryScratch implements ScratchSpace {
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger used = new AtomicInteger();

        @Override
        public Scratch hold(FileStore.BodyWriter body) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.writeTo(out);
            held.incrementAndGet();
            used.incrementAndGet();
            byte[] bytes = out.toByteArray();
            return new Scratch() {
                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public void close() {
                    held.decrementAndGet();
                }
            };
        }
    }
}
