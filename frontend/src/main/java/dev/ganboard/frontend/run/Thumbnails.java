package dev.ganboard.frontend.run;

import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.StreamRegistration;
import com.vaadin.flow.server.VaadinSession;
import dev.ganboard.backend.checkpoint.CheckpointSummary;
import dev.ganboard.backend.checkpoint.PreviewStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The session URLs of a checkpoint table's thumbnails, one per checkpoint for as long as its preview stays the same:
 * a live refresh re-renders the rows, and an unchanged {@code src} lets the browser keep the image it has instead
 * of downloading it again. The resources belong to the table's element, so only this UI's session can load them.
 */
final class Thumbnails {
    private record Shown(String version, StreamRegistration registration) {
    }

    private final PreviewStore previews;
    private final Element owner;
    private final Map<Long, Shown> shown = new HashMap<>();

    Thumbnails(PreviewStore previews, Element owner) {
        this.previews = previews;
        this.owner = owner;
    }

    /** The URL of the checkpoint's preview; null when it has none. */
    String url(CheckpointSummary c) {
        if (c.previewUrl() == null) {
            return null;
        }
        String version = PreviewImage.version(c);
        Shown s = shown.get(c.id());
        if (s == null || !s.version().equals(version)) {
            if (s != null) {
                s.registration().unregister();
            }
            s = new Shown(version, VaadinSession.getCurrent().getResourceRegistry()
                    .registerResource(PreviewImage.download(previews, c.id()), owner));
            shown.put(c.id(), s);
        }
        return s.registration().getResourceUri().toASCIIString();
    }

    /** Forgets the checkpoints no longer listed. */
    void retain(Collection<CheckpointSummary> listed) {
        Set<Long> ids = listed.stream().map(CheckpointSummary::id).collect(Collectors.toSet());
        shown.entrySet().removeIf(e -> {
            boolean gone = !ids.contains(e.getKey());
            if (gone) {
                e.getValue().registration().unregister();
            }
            return gone;
        });
    }

    /** Releases every URL (the table left the page). */
    void clear() {
        shown.values().forEach(s -> s.registration().unregister());
        shown.clear();
    }
}
