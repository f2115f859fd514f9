package dev.vigil.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from a module's working directory. */
public final class RepoFiles {

    private RepoFiles() {
    }

    /** The file at this path from the repository root, searched upwards from the module. */
    public static Path find(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
