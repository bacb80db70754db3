package dev.sheetsmith.adapters.http;

import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.in.ReadWorkbookUseCase;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the MCP server: the tool registry on the SDK's stateless server, behind our transport. */
public final class McpServerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(McpServerFactory.class);

    private final McpJsonMapper json;
    private final String version;
    private final MetricRegistry metrics;

    public McpServerFactory(McpJsonMapper json, String version, MetricRegistry metrics) {
        this.json = Objects.requireNonNull(json, "json");
        this.version = Objects.requireNonNull(version, "version");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public McpStatelessSyncServer build(McpEndpointServlet transport, CreateWorkbookUseCase createWorkbook,
            ManageFilesUseCase files, ReadWorkbookUseCase workbooks, EditWorkbookUseCase edits,
            ConvertFilesUseCase convert, Duration requestTimeout) {
        ToolSchemas schemas = new ToolSchemas(json);
        List<McpTool> tools = new ArrayList<>();
        tools.add(new CreateExcelFileTool(createWorkbook, schemas));
        tools.addAll(new FileTools(files, workbooks, schemas, json).tools());
        tools.addAll(new EditTools(edits, schemas).tools());
        tools.addAll(new ConvertTools(convert, schemas).tools());
        List<McpStatelessServerFeatures.SyncToolSpecification> specs = tools.stream().map(this::spec).toList();
        return McpServer.sync(transport).jsonMapper(json).serverInfo("sheetsmith", version)
                .instructions("Sheetsmith creates Excel workbooks and answers with a download link."
                        + " Give the user the link from the tool result as it is.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                // Our tools validate their own arguments, with errors that name sheet, row and column.
                .validateToolInputs(false)
                .requestTimeout(requestTimeout).tools(specs).build();
    }

    /** Each call is timed; tool errors (bad input) and failures (our fault) are counted apart. */
    private McpStatelessServerFeatures.SyncToolSpecification spec(McpTool tool) {
        String name = tool.definition().name();
        Timer calls = metrics.timer(MetricRegistry.name("tools", name, "calls"));
        Meter toolErrors = metrics.meter(MetricRegistry.name("tools", name, "tool-errors"));
        Meter failures = metrics.meter(MetricRegistry.name("tools", name, "failures"));
        return new McpStatelessServerFeatures.SyncToolSpecification(tool.definition(), (ctx, request) -> {
            try (Timer.Context timing = calls.time()) {
                McpSchema.CallToolResult result = tool.call(McpContext.from(ctx),
                        request.arguments() == null ? Map.of() : request.arguments());
                if (Boolean.TRUE.equals(result.isError())) {
                    toolErrors.mark();
                }
                return result;
            } catch (RuntimeException e) {
                failures.mark();
                LOG.error("tool {} failed", name, e);
                return ToolResults.error("The tool " + name
                        + " failed on the server; nothing was changed. Try again, and tell the operator if it persists.");
            }
        });
    }
}
