package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.ports.in.AuditUseCase;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import dev.sheetsmith.ports.in.ImportChatFileUseCase;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.in.ReadWorkbookUseCase;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every tool, once: the MCP server and the OpenAPI routes are both built from this list. */
public final class ToolRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final MetricRegistry metrics;
    private final AuditUseCase audit;

    public ToolRegistry(McpJsonMapper json, MetricRegistry metrics, AuditUseCase audit, CreateWorkbookUseCase create,
            ManageFilesUseCase files, ReadWorkbookUseCase workbooks, EditWorkbookUseCase edits,
            ConvertFilesUseCase convert) {
        this(json, metrics, audit, create, files, workbooks, edits, convert, false);
    }

    /** @param excelTools also offer the Excel Tools server's tool names (compat.excelTools) */
    public ToolRegistry(McpJsonMapper json, MetricRegistry metrics, AuditUseCase audit, CreateWorkbookUseCase create,
            ManageFilesUseCase files, ReadWorkbookUseCase workbooks, EditWorkbookUseCase edits,
            ConvertFilesUseCase convert, boolean excelTools) {
        this(json, metrics, audit, create, files, workbooks, edits, convert, excelTools, null);
    }

    /**
     * @param chatFiles files attached in an Open-WebUI chat (import_from_openwebui); null leaves that tool out
     */
    public ToolRegistry(McpJsonMapper json, MetricRegistry metrics, AuditUseCase audit, CreateWorkbookUseCase create,
            ManageFilesUseCase files, ReadWorkbookUseCase workbooks, EditWorkbookUseCase edits,
            ConvertFilesUseCase convert, boolean excelTools, ImportChatFileUseCase chatFiles) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.audit = Objects.requireNonNull(audit, "audit");
        List<Tool> all = new ArrayList<>();
        all.add(new CreateExcelFileTool(create));
        all.addAll(new FileTools(files, workbooks, json).tools());
        all.addAll(new EditTools(edits).tools());
        all.addAll(new DesignTools(edits, workbooks).tools());
        all.addAll(new ConvertTools(convert).tools());
        if (chatFiles != null) {
            all.addAll(new ChatFileTools(chatFiles).tools());
        }
        register(all);
        if (excelTools) {
            // Adapters over the tools above, so they are registered after them.
            register(new ExcelToolsCompat(Map.copyOf(tools)).tools());
        }
    }

    private void register(List<Tool> list) {
        for (Tool tool : list) {
            if (tools.putIfAbsent(tool.definition().name(), tool) != null) {
                throw new IllegalStateException("two tools are named " + tool.definition().name());
            }
        }
    }

    public List<Tool> tools() {
        return List.copyOf(tools.values());
    }

    /** Every tool's definition, in the order tools/list and /openapi.json give them. */
    public List<ToolDefinition> definitions() {
        return tools.values().stream().map(Tool::definition).toList();
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * Calls a tool, timed, with tool errors (bad input) and failures (our fault) counted apart; a
     * failure becomes a tool error that says nothing was changed, never an exception's text.
     */
    public McpSchema.CallToolResult call(String name, McpContext context, Map<String, Object> arguments) {
        Tool tool = tools.get(name);
        Timer.Context timing = metrics.timer(MetricRegistry.name("tools", name, "calls")).time();
        try {
            McpSchema.CallToolResult result = tool.call(context, arguments);
            if (Boolean.TRUE.equals(result.isError())) {
                metrics.meter(MetricRegistry.name("tools", name, "tool-errors")).mark();
            } else if (tool.definition().changesFiles()) {
                Results.FileChange change = result.structuredContent() instanceof Results.FileChange c ? c : null;
                audit.record(context.owner().id(), "tool", name, change == null ? null : change.fileId(),
                        change == null ? null : change.auditDetail());
            }
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            // A StackOverflowError (e.g. a formula nested too deep for POI's parser) unwinds this call only;
            // uncaught, the call would never be answered and would hold up a graceful shutdown.
            metrics.meter(MetricRegistry.name("tools", name, "failures")).mark();
            LOG.error("tool {} failed", name, e);
            return ToolResults.error("The tool " + name + " failed on the server; nothing was changed. Try again, and"
                    + " tell the operator if it persists.");
        } finally {
            timing.stop();
        }
    }
}
