package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/yusuan-data/yusuan/serve"
)

const serveUsage = `usage: yusuan serve [-addr 127.0.0.1:8080] [-data DIR]

Serve runs a web page and an HTTP JSON API for extracting one document at a
time: upload PDFs, scans or text exports (drag and drop, or POST
/api/documents), see each page with the tables read from it, the tables by
附件 with kind and unit, and the findings; correct a cell, a table's kind or
its 附件 number; download each CSV, the XLSX, the manifest or a zip.

Results are kept under DIR by each file's sha256: the same file again is
instant, and corrections are kept in DIR/corrections, where
"yusuan extract -corrections DIR/corrections" applies them too.

It listens on localhost unless -addr says otherwise. See README.md for the
API with curl examples.

Flags:
`

type serveConfig struct {
	addr    string
	data    string
	noOCR   bool
	workers int
	maxMB   int64
}

func serveFlags(stderr io.Writer, c *serveConfig) *flag.FlagSet {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (another host than localhost makes the page reachable from the network)")
	fs.StringVar(&c.data, "data", defaultServeData(), "keep uploads, results and corrections under `DIR`")
	fs.BoolVar(&c.noOCR, "no-ocr", false, "do not recognise scanned or garbled pages")
	fs.IntVar(&c.workers, "workers", 1, "documents read at once")
	fs.Int64Var(&c.maxMB, "max-upload", 200, "largest upload in `MiB`")
	fs.Usage = func() { fmt.Fprintln(stderr, "Run 'yusuan help serve' for usage.") }
	return fs
}

func defaultServeData() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "yusuan", "serve")
	}
	return "yusuan-serve"
}

func runServe(args []string, stdout, stderr io.Writer) int {
	var c serveConfig
	fs := serveFlags(stderr, &c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return run([]string{"help", "serve"}, stdout, stderr)
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "yusuan serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	srv, err := serve.New(serve.Config{DataDir: c.data, Workers: c.workers, NoOCR: c.noOCR,
		MaxUpload: c.maxMB << 20, Version: version, Check: check, LocalOnly: loopbackAddr(c.addr)})
	if err != nil {
		fmt.Fprintf(stderr, "yusuan serve: %v\n", err)
		return 1
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintf(stderr, "yusuan serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "yusuan serve: http://%s/ (data in %s)\n", ln.Addr(), c.data)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "yusuan serve: %v\n", err)
		return 1
	}
	return 0
}

// loopbackAddr reports whether addr listens on this machine only.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
