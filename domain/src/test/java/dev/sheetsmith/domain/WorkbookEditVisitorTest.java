package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The visitor beside the sealed WorkbookEdit covers every kind of edit, and each record calls its own method. */
class WorkbookEditVisitorTest {

    @Test
    void theVisitorHasExactlyOneMethodForEachKindOfEdit() {
        Set<Class<?>> kinds = Set.of(WorkbookEdit.class.getPermittedSubclasses());
        List<Class<?>> visited = Arrays.stream(WorkbookEdit.Visitor.class.getDeclaredMethods())
                .map(m -> m.getParameterTypes()[0]).collect(Collectors.toList());
        assertThat(kinds).hasSize(22);
        assertThat(visited).containsExactlyInAnyOrderElementsOf(kinds).doesNotHaveDuplicates();
    }

    @Test
    void eachEditCallsTheMethodForItsOwnKind() {
        WorkbookEdit.Visitor<String> names = visitorNamingTheArgumentType();
        List<WorkbookEdit> edits = List.of(
                new WorkbookEdit.RenameSheet("Data", "Sales"),
                new WorkbookEdit.DeleteSheet("Old"),
                new WorkbookEdit.ClearRange(null, CellRange.parse("A1:B2")),
                new WorkbookEdit.CopySheet("Data", "Copy"),
                new WorkbookEdit.MergeCells(null, CellRange.parse("A1:B1"), false),
                new WorkbookEdit.DeleteChart(null, "1"));
        for (WorkbookEdit edit : edits) {
            assertThat(edit.accept(names)).isEqualTo(edit.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private static WorkbookEdit.Visitor<String> visitorNamingTheArgumentType() {
        return (WorkbookEdit.Visitor<String>) java.lang.reflect.Proxy.newProxyInstance(
                WorkbookEdit.Visitor.class.getClassLoader(), new Class<?>[] {WorkbookEdit.Visitor.class},
                (proxy, method, args) -> {
                    Method m = method;
                    String expected = Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
                    return args[0].getClass().getSimpleName().equals(expected) ? expected : "wrong method " + m.getName();
                });
    }
}
