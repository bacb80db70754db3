package dev.sheetsmith.adapters.http.uploads;

import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.auth.KeyHolder;
import dev.sheetsmith.adapters.http.openapi.Summary;
import dev.sheetsmith.adapters.http.openapi.Tag;
import dev.sheetsmith.adapters.http.web.ErrorBody;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import dev.sheetsmith.ports.in.UploadFilesUseCase;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * {@code POST /api/files}: files in, as a multipart form (one or more file parts) or as the raw
 * body with the name in {@code X-Filename} or {@code ?name=}. Each file streams to the store
 * (multipart parts beyond a few KB wait in temporary files, never the heap) and is answered with
 * the file record the tools give. Same keys, owners, quota and audit as the tools; the request
 * guard lets this route alone take non-JSON bodies, up to {@code limits.maxUploadBytes}.
 */
@Path(UploadResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "files", description = "Uploads: xlsx and xlsm workbooks are stored as they are (checked, macros never"
        + " run); csv and ods become xlsx workbooks. Answers {files: [...], refused: [...]}; 400 when every file was"
        + " refused, 413 past limits.maxUploadBytes.")
public final class UploadResource {

    public static final String PATH = "/api/files";

    static final List<String> RAW_TYPES = List.of(MediaType.APPLICATION_OCTET_STREAM,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-excel.sheet.macroEnabled.12", "application/vnd.oasis.opendocument.spreadsheet",
            "text/csv");

    private final UploadFilesUseCase uploads;
    private final AuditUseCase audit;
    private final BaseUrls baseUrls;

    public UploadResource(UploadFilesUseCase uploads, AuditUseCase audit, BaseUrls baseUrls) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Summary("Upload files as a multipart form: one or more parts with a file name (xlsx, xlsm, csv, ods)")
    public Response multipart(@Auth KeyHolder caller, FormDataMultiPart form, @QueryParam("format") String format,
            @Context HttpServletRequest request) {
        List<FormDataBodyPart> files = new ArrayList<>();
        if (form != null) {
            form.getFields().values().forEach(parts -> parts.stream().filter(p -> p.getContentDisposition() != null
                    && p.getContentDisposition().getFileName() != null).forEach(files::add));
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("the form has no file; send each file as a part with a file name"
                    + " (Content-Disposition: form-data; name=\"file\"; filename=\"sales.xlsx\")");
        }
        List<UploadBodies.FileRecord> stored = new ArrayList<>();
        List<UploadBodies.Refused> refused = new ArrayList<>();
        for (FormDataBodyPart part : files) {
            String name = part.getContentDisposition().getFileName();
            try (InputStream in = part.getValueAs(InputStream.class)) {
                stored.add(take(caller, name, in, format, request));
            } catch (InvalidInputException e) {
                refused.add(new UploadBodies.Refused(name, e.getMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return answer(stored, refused);
    }

    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel.sheet.macroEnabled.12", "application/vnd.oasis.opendocument.spreadsheet",
        "text/csv"})
    @Summary("Upload one file as the raw body, its name in X-Filename or ?name=")
    public Response raw(@Auth KeyHolder caller, @HeaderParam("X-Filename") String header,
            @QueryParam("name") String name, @QueryParam("format") String format, InputStream body,
            @Context HttpServletRequest request) throws IOException {
        String filename = name != null && !name.isBlank() ? name : header == null ? null
                : URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (filename == null || filename.isBlank()) {
            throw new InvalidInputException("say the file's name in the X-Filename header or ?name= (e.g."
                    + " ?name=sales.xlsx)");
        }
        try {
            return answer(List.of(take(caller, filename, body, format, request)), List.of());
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a body past the limit is answered 413
        }
    }

    private UploadBodies.FileRecord take(KeyHolder caller, String filename, InputStream in, String format,
            HttpServletRequest request) {
        Owner owner = caller.principal().owner();
        CreatedWorkbook created = uploads.upload(owner, filename, in, format);
        audit.record(owner.id(), caller.actor(), "upload", created.file().id(), created.file().name() + " ("
                + created.file().sizeBytes() + " bytes)");
        return UploadBodies.FileRecord.of(created, baseUrls.of(request));
    }

    private static Response answer(List<UploadBodies.FileRecord> stored, List<UploadBodies.Refused> refused) {
        if (stored.isEmpty()) {
            return ErrorBody.response(400, refused.size() == 1 ? refused.get(0).error()
                    : String.join(" | ", refused.stream().map(r -> r.name() + ": " + r.error()).toList()));
        }
        return Response.ok(new UploadBodies.Answer(stored, refused), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
