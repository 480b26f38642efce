package org.classgate.hub.http;

import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceManager;
import java.io.IOException;
import java.util.List;

/**
 * Serves each path from the first of its managers that has it: the hub's own pages first, then the
 * box console's shell (sign-in, API client, DOM helpers, styles), which the hub reuses unchanged.
 * Read-only classpath resources; thread-safe.
 */
final class LayeredResources implements ResourceManager {
  private final List<ResourceManager> layers;

  LayeredResources(List<ResourceManager> layers) {
    this.layers = List.copyOf(layers);
  }

  @Override
  public Resource getResource(String path) throws IOException {
    for (ResourceManager layer : layers) {
      Resource resource = layer.getResource(path);
      if (resource != null) {
        return resource;
      }
    }
    return null;
  }

  @Override
  public boolean isResourceChangeListenerSupported() {
    return false;
  }

  @Override
  public void registerResourceChangeListener(ResourceChangeListener listener) {
    throw new UnsupportedOperationException("classpath resources do not change");
  }

  @Override
  public void removeResourceChangeListener(ResourceChangeListener listener) {
    throw new UnsupportedOperationException("classpath resources do not change");
  }

  @Override
  public void close() throws IOException {
    for (ResourceManager layer : layers) {
      layer.close();
    }
  }
}
