package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;
import java.util.List;
import java.util.Objects;

/**
 * Gives every file of one owner to another, e.g. the files made before the first API key (owner
 * {@code local}, which no key can see) to the first key's owner. Revisions and links follow the
 * file; sessions stay with their owner.
 */
public interface TransferFilesUseCase {

    /**
     * Moves every file {@code from} has to {@code to}; a name {@code to} already uses gets " (2)",
     * " (3)", ... as a new file would. Each move is audited with {@code actor}.
     *
     * @throws dev.sheetsmith.domain.InvalidInputException when both owners are the same
     */
    Transfer transferFiles(TransferFilesCommand command);

    record TransferFilesCommand(Owner from, Owner to, String actor) {
        public TransferFilesCommand {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(actor, "actor");
            if (from.equals(to)) {
                throw new dev.sheetsmith.domain.InvalidInputException("the files of '" + from.id()
                        + "' cannot be given to the same owner; name another owner in 'to'");
            }
        }
    }

    /** One file that changed hands; {@code name} differs from {@code previousName} when that name was taken. */
    record Moved(String fileId, String previousName, String name) {
    }

    record Transfer(Owner from, Owner to, List<Moved> moved) {
        public Transfer {
            moved = List.copyOf(moved);
        }
    }
}
