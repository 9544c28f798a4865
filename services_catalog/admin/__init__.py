"""The staff admin (web UI mounted by the gateway at /admin); the catalog core never imports it."""
