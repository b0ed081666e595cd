package io.inetty.cli.options;

import static java.util.Objects.requireNonNull;

import io.inetty.protocols.OneShotService;
import io.inetty.protocols.Services;
import io.inetty.protocols.qotd.Qotd;
import io.inetty.protocols.qotd.Quotes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * qotd serving the quotes of {@code --quotes FILE}: {@link #reload} (SIGHUP) reads the file again and swaps the
 * quotes in for the next connections and datagrams; if the file is now bad, the quotes loaded before stay.
 */
final class ReloadableQotd extends OneShotService implements Reloadable {
    private final Path file;
    private final Supplier<RandomGenerator> random;
    private volatile Qotd current;

    /** Loads {@code file}; throws {@code IOException} or {@code IllegalArgumentException} (see {@link #problem}). */
    ReloadableQotd(Path file, Supplier<RandomGenerator> random) throws IOException {
        super(Qotd.NAME, Services.QOTD.defaultPort());
        this.file = requireNonNull(file, "file");
        this.random = requireNonNull(random, "random");
        load();
    }

    @Override
    public ByteBuf respond(ByteBufAllocator alloc) {
        return current.respond(alloc);
    }

    @Override
    public String reload() throws Exception {
        try {
            int n = load();
            return n + (n == 1 ? " quote" : " quotes") + " from " + file;
        } catch (IOException | IllegalArgumentException e) {
            throw new Exception("--quotes: " + problem(file, e), e);
        }
    }

    private int load() throws IOException {
        List<String> quotes = Quotes.load(file);
        current = new Qotd(quotes, random);
        return quotes.size();
    }

    /** What is wrong with the file, in one line, e.g. {@code cannot read /q.txt: no such file}. */
    static String problem(Path file, Exception e) {
        if (e instanceof IllegalArgumentException) {
            String m = e.getMessage();
            return m.startsWith("quotes: ") ? m.substring("quotes: ".length()) : m;
        }
        String reason = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                        ? ((FileSystemException) e).getReason() : String.valueOf(e.getMessage());
        return "cannot read " + file + ": " + reason;
    }
}
