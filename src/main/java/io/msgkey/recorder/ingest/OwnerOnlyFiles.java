package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * The spool holds who wrote to whom: its directory and files are readable by the service's own account only, whatever
 * the umask or an earlier version left. Permissions are given at creation (a umask can only take bits away) and set
 * again afterwards, so that a file or directory created wider before is closed too.
 */
final class OwnerOnlyFiles {

    private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    static void createDirectory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        restrict(dir, DIRECTORY);
    }

    static FileChannel open(Path file, OpenOption... options) throws IOException {
        if (!POSIX) {
            return FileChannel.open(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FILE);
        FileChannel channel = FileChannel.open(file, Set.of(options), ownerOnly);
        restrict(file, FILE);
        return channel;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException e) {
            LOG.warnf("could not make %s readable by its owner only (%s); check its permissions", path, e.toString());
        }
    }
}
