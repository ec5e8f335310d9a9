// Command ferretdb runs an embedded FerretDB v1 (SQLite backend) as a
// MongoDB wire-protocol server for local development and tests.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on (host:port; port 0 picks a free one)")
	dataDir := flag.String("data-dir", "data", "directory for the SQLite database files (created if missing)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listenAddr, *dataDir, *logLevel); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}

func run(listenAddr, dataDir, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(strings.TrimSpace(logLevel))); err != nil {
		return fmt.Errorf("invalid -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	absDir, err := filepath.Abs(dataDir)
	if err != nil {
		return fmt.Errorf("resolve -data-dir: %w", err)
	}
	if err = os.MkdirAll(absDir, 0o755); err != nil {
		return fmt.Errorf("create -data-dir: %w", err)
	}

	// FerretDB wants a "file:" URI pointing to an existing directory, ending with "/".
	sqliteURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(absDir) + "/"}).String()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// New binds the TCP listener; connections queue in the backlog until Run accepts them.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	u, err := url.Parse(f.MongoDBURI())
	if err != nil {
		return err
	}
	fmt.Printf("ferretdb listening on %s\n", u.Host)

	// Run returns after ctx is cancelled and all connections and the backend are closed.
	err = <-done
	logger.Info("ferretdb stopped")
	return err
}
