package io.inetty.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the watched files look like now (modification time, size, file key): a change of any of them (an edit,
 * a replace by rename, a Kubernetes secret's symlink swap) shows as a different stamp.
 */
record FileStamps(List<String> stamps) {
    static FileStamps of(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                out.add(a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + Objects.toString(a.fileKey()));
            } catch (IOException e) {
                out.add("missing");
            }
        }
        return new FileStamps(List.copyOf(out));
    }
}
