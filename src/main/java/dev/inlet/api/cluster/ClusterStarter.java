package dev.inlet.api.cluster;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts this node's part of the control plane with the web module, so that it lists its sessions and runs the
 * other nodes' commands whether or not its own API is ever called.
 */
@WebListener
public class ClusterStarter implements ServletContextListener {

    @Inject
    ClusterService cluster;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        cluster.nodeId();
    }
}
