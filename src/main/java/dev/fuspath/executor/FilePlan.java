package dev.fuspath.executor;

import dev.fuspath.planner.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A plan given with {@code --plan}: a file or an http(s) URL. It is run only when its id matches its content and it
 * was made for the device as it is now; otherwise it is refused (naming what differs), never run blindly.
 */
public final class FilePlan {

    private FilePlan() {
    }

    public static Plan load(String location, Duration timeout) throws FlashException {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            URI uri;
            try {
                uri = URI.create(location);
            } catch (IllegalArgumentException e) {
                throw new FlashException(FlashException.Reason.INVALID_INPUT, "--plan " + PlanDocuments.abbreviate(location)
                        + " is not a URL", "give a file or an http(s) URL");
            }
            return PlanDocuments.parse(PlanDocuments.get(uri, timeout, FlashException.Reason.INVALID_INPUT), location);
        }
        Path path = Path.of(location);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(PlanDocuments.MAX_PLAN + 1);
            if (bytes.length > PlanDocuments.MAX_PLAN) {
                throw new FlashException(FlashException.Reason.INVALID_INPUT, location + " is larger than a plan can be", "give the"
                        + " file fuspath plan --json wrote");
            }
            return PlanDocuments.parse(bytes, location);
        } catch (IOException e) {
            throw new FlashException(FlashException.Reason.IO, "cannot read --plan " + location + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), "check the path");
        }
    }
}
