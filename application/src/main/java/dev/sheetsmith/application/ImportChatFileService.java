package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.in.ImportChatFileUseCase;
import dev.sheetsmith.ports.out.ChatFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A file attached in the chat, fetched from the one chat server the operator configured and stored
 * through the same import as import_file: the name's format is checked before a byte is fetched, the
 * size while the bytes stream (limits.maxImportBytes), and nothing is stored when either fails.
 */
public final class ImportChatFileService implements ImportChatFileUseCase {

    public static final String OFF = "import_from_openwebui is off on this server: an operator sets openwebui.baseUrl"
            + " (the Open-WebUI address, e.g. http://open-webui:8080) and openwebui.apiKey (an Open-WebUI API key or"
            + " token that may read users' files) in config.yml, or SHEETSMITH_OPENWEBUI_URL and"
            + " SHEETSMITH_OPENWEBUI_KEY. Nothing was stored; until then, attach the file through the Sheetsmith"
            + " workspace tool or the console";
    /** Open-WebUI's file ids are UUIDs; nothing that could change the path or query of the request. */
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    /** An attachment's link as the chat shows it (…/api/v1/files/{id}[/content]): only the id is taken. */
    private static final Pattern FILE_LINK = Pattern.compile("(?:^|/)api/v1/files/([A-Za-z0-9][A-Za-z0-9_-]{0,127})"
            + "(?:/content)?/?(?:[?#].*)?$");
    private static final int CHUNK = 64 * 1024;

    private final ChatFiles chatFiles;
    private final ConvertFilesUseCase convert;
    private final long maxImportBytes;

    public ImportChatFileService(ChatFiles chatFiles, ConvertFilesUseCase convert, long maxImportBytes) {
        this.chatFiles = Objects.requireNonNull(chatFiles, "chatFiles");
        this.convert = Objects.requireNonNull(convert, "convert");
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    public CreatedWorkbook importChatFile(Owner owner, String fileId, String name) {
        Objects.requireNonNull(owner, "owner");
        if (!chatFiles.configured()) {
            throw new InvalidInputException(OFF);
        }
        String id = fileId == null ? "" : fileId.strip();
        java.util.regex.Matcher link = FILE_LINK.matcher(id);
        if (link.find()) {
            // the host of a pasted link is never asked: the file comes from the configured chat server
            id = link.group(1);
        }
        if (!FILE_ID.matcher(id).matches()) {
            throw new InvalidInputException("'fileId' must be the id of a file attached in the chat (letters, digits,"
                    + " '-' and '_', e.g. 3f2b8c1e-...) or its link (.../api/v1/files/<id>), not '" + shorten(fileId)
                    + "'");
        }
        String wanted = name == null || name.isBlank() ? null : name.strip();
        if (wanted != null) {
            checkFormat(wanted);
        }
        try (ChatFiles.ChatFile file = chatFiles.open(id)) {
            checkOwner(owner, file, id);
            String filename = wanted != null ? wanted : file.name();
            if (filename == null || filename.isBlank()) {
                throw new InvalidInputException("the chat server gave no name for file '" + id + "'; give 'name', e.g."
                        + " sales.xlsx, whose extension tells the format");
            }
            if (wanted == null) {
                checkFormat(filename);
            }
            if (file.length() > maxImportBytes) {
                throw tooBig(filename, file.length() + " bytes");
            }
            byte[] content = readBounded(file.content(), filename);
            return convert.importFile(owner, filename, content, isXlsm(filename) ? "xlsx" : null);
        } catch (IOException e) {
            throw new InvalidInputException("file '" + id + "' could not be fetched from the chat server ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); nothing was stored. Try again, or tell the operator if it persists");
        }
    }

    /**
     * A gateway's end user ({@code openwebui/<user id>}) may import only a file the chat says is theirs:
     * the service key may read every user's files, so the id alone must not reach another user's. A
     * plain key's owner (an operator, one user) is not a chat user and is not narrowed.
     */
    private static void checkOwner(Owner owner, ChatFiles.ChatFile file, String id) {
        int slash = owner.id().lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String user = owner.id().substring(slash + 1);
        if (!user.equals(file.ownerId())) {
            // the same answer as a file that does not exist: the id says nothing about other users' files
            throw new NotFoundException("Open-WebUI has no file '" + id + "' of yours; give the id of a file you"
                    + " attached in this chat as 'fileId'. Nothing was stored");
        }
    }

    /** The bytes, counted as they arrive: past the limit the transfer stops and nothing is kept. */
    private byte[] readBounded(InputStream in, String filename) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxImportBytes) {
                throw tooBig(filename, "more than " + maxImportBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private InvalidInputException tooBig(String filename, String size) {
        return new InvalidInputException("'" + filename + "' has " + size + "; this server takes files of at most "
                + maxImportBytes + " bytes (limits.maxImportBytes). Nothing was stored");
    }

    private void checkFormat(String filename) {
        String extension = extension(filename);
        Set<String> readable = new TreeSet<>();
        for (ConvertFilesUseCase.FormatInfo format : convert.formats()) {
            if (format.canRead()) {
                readable.add(format.extension().toLowerCase(Locale.ROOT));
            }
        }
        if (readable.contains("xlsx")) {
            readable.add("xlsm");
        }
        if (!readable.contains(extension)) {
            throw new InvalidInputException("'" + filename + "' is not a spreadsheet this server reads; it takes "
                    + readable.stream().map(e -> "." + e).toList() + " files. Nothing was fetched or stored");
        }
    }

    private static boolean isXlsm(String filename) {
        return extension(filename).equals("xlsm");
    }

    private static String extension(String filename) {
        String name = filename.strip().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

}
