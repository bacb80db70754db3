package dev.sheetsmith.adapters.http.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.adapters.http.web.ApiExceptionMappers;
import dev.sheetsmith.domain.AccessDeniedException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.DownloadFileUseCase;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signed download links in Jersey: a bad link is refused in Dropwizard's {code, message} shape. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DownloadResourceTest {

    private static final byte[] CONTENT = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    private static final StoredFile FILE = new StoredFile("f1", new Owner("alice"), "Größe.csv", "csv", "text/csv",
            CONTENT.length, "ab".repeat(32), 1, "s/f1", Instant.EPOCH, Instant.EPOCH);

    /** Checks the signature the way the real use case does: it is "good" for file f1 and nothing else. */
    private static final DownloadFileUseCase LINKS = (fileId, name, expires, signature) -> {
        if (!"good".equals(signature)) {
            throw new AccessDeniedException("this download link's signature is not valid");
        }
        if (!fileId.equals(FILE.id())) {
            throw new NotFoundException("the file of this link was deleted");
        }
        return new DownloadFileUseCase.Download() {
            @Override
            public StoredFile file() {
                return FILE;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(CONTENT);
            }
        };
    };

    private final ResourceExtension resources = build();

    private static ResourceExtension build() {
        ResourceExtension.Builder builder = ResourceExtension.builder().addResource(new DownloadResource(LINKS));
        ApiExceptionMappers.all().forEach(builder::addProvider);
        return builder.build();
    }

    @Test
    void aBadSignatureIsAnswered403WithCodeAndMessage() {
        Response response = resources.target("/files/f1/x.csv").queryParam("exp", "9999999999")
                .queryParam("sig", "forged").request().get();
        assertThat(response.getStatus()).isEqualTo(403);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.path("code").asInt()).isEqualTo(403);
        assertThat(body.path("message").asText()).isEqualTo("this download link's signature is not valid");
        assertThat(body.has("error")).isFalse();
    }

    @Test
    void aLinkWithoutExpiryIsAnswered403SayingItIsIncomplete() {
        Response response = resources.target("/files/f1/x.csv").queryParam("sig", "good").request().get();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.readEntity(JsonNode.class).path("message").asText()).contains("incomplete");
    }

    @Test
    void aDeletedFileIsAnswered404WithCodeAndMessage() {
        Response response = resources.target("/files/gone/x.csv").queryParam("exp", "1").queryParam("sig", "good")
                .request().get();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.readEntity(JsonNode.class).path("code").asInt()).isEqualTo(404);
    }

    @Test
    void aGoodLinkStreamsTheBytesAsAnAttachmentWithItsUtf8Name() {
        Response response = resources.target("/files/f1/x.csv").queryParam("exp", "1").queryParam("sig", "good")
                .request().get();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(byte[].class)).isEqualTo(CONTENT);
        assertThat(response.getHeaderString("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Gr__e.csv\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe.csv");
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo("private, no-store");
    }
}
