-- Play anywhere in the cluster (issue 16): each node records where other nodes reach its RTMP listener
-- (inlet.cluster.advertise-address, host:port), so a node whose reader asks for a stream published elsewhere can
-- pull it from the node holding the stream's best lease. Null for a node that does not serve edge pulls.
ALTER TABLE inlet_node ADD COLUMN rtmp_address VARCHAR(200);
