package com.agentbattles.api;

import picocli.CommandLine.Command;

/** Documents {@code serve} in the help; {@link BattlesCommandLine#main} starts the server itself. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP server (port 8000, API under /api/v1); the default command. Spring properties may "
                + "follow, or stand alone: battles --server.port=9000.")
class ServeCommand implements Runnable {
    @Override
    public void run() {
        // handled before picocli sees the arguments
    }
}
