package dev.fuspath.executor.files;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The regular files under a folder, by name and by size, from one bounded walk: symbolic links are followed but
 * loops are skipped, the walk stops at a depth and a file count, and what it could not read is counted, not fatal.
 * Git folders are not entered.
 */
final class DirectoryIndex {

    /** How far a walk goes. */
    record Limits(int maxDepth, int maxFiles) {
        static final Limits DEFAULT = new Limits(16, 200_000);
    }

    /** One regular file: its path, its path under the root with '/' separators, and its size then. */
    record Entry(Path file, String relative, long size) {
        String name() {
            int slash = relative.lastIndexOf('/');
            return slash < 0 ? relative : relative.substring(slash + 1);
        }
    }

    private final Map<String, List<Entry>> byName = new HashMap<>();
    private final Map<Long, List<Entry>> bySize = new HashMap<>();
    private int files;
    private int unreadable;
    private int loops;
    private int tooDeep;
    private boolean truncated;

    private DirectoryIndex() {
    }

    static DirectoryIndex walk(Path root, Limits limits) throws IOException {
        DirectoryIndex index = new DirectoryIndex();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), limits.maxDepth(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isDirectory()) {
                    index.tooDeep++;
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE; // fifos, devices, sockets, dangling links: never opened
                }
                if (index.files >= limits.maxFiles()) {
                    index.truncated = true;
                    return FileVisitResult.TERMINATE;
                }
                index.files++;
                Entry entry = new Entry(file, relative(root, file), attrs.size());
                index.byName.computeIfAbsent(key(entry.name()), k -> new ArrayList<>()).add(entry);
                index.bySize.computeIfAbsent(attrs.size(), k -> new ArrayList<>()).add(entry);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (e instanceof FileSystemLoopException) {
                    index.loops++;
                } else {
                    index.unreadable++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    index.unreadable++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return index;
    }

    private static String relative(Path root, Path file) {
        String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return rel.isEmpty() ? file.getFileName().toString() : rel;
    }

    /** Names match in any case: a copy made on a case-insensitive file system may have changed it. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    List<Entry> named(String name) {
        return byName.getOrDefault(key(name), List.of());
    }

    List<Entry> sized(long size) {
        return bySize.getOrDefault(size, List.of());
    }

    int files() {
        return files;
    }

    /** What the walk left out, for a message; empty when it saw everything. */
    String gaps(Limits limits) {
        List<String> gaps = new ArrayList<>();
        if (truncated) {
            gaps.add("the search stopped after " + limits.maxFiles() + " files (pass a smaller folder)");
        }
        if (tooDeep > 0) {
            gaps.add(tooDeep + " folders deeper than " + limits.maxDepth() + " levels were not searched");
        }
        if (unreadable > 0) {
            gaps.add(unreadable + " files or folders could not be read");
        }
        if (loops > 0) {
            gaps.add(loops + " symbolic link loops were skipped");
        }
        return String.join(", ", gaps);
    }
}
