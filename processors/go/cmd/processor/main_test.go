package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds the processor once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "processor")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
}

func waitReady(t *testing.T, addr string) {
	t.Helper()
	for range 500 {
		if res, err := http.Get("http://" + addr + "/health"); err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the processor never became ready")
}

func TestSIGTERMFinishesTheInFlightRequestAndExitsZero(t *testing.T) {
	bin := buildBinary(t)
	port := freePort(t)
	cmd := exec.Command(bin)
	var stderr bytes.Buffer
	cmd.Env = append(os.Environ(), "PORT="+port)
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := "127.0.0.1:" + port
	waitReady(t, addr)

	// Start a request whose body is only half sent, so it is in flight when SIGTERM arrives.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `[{"key":"a","ts":1,"value":1,"kind":"reading"}]`
	fmt.Fprintf(conn, "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		len(body), body[:10])
	time.Sleep(100 * time.Millisecond) // let the server start reading the body
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if _, err := conn.Write([]byte(body[10:])); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("in-flight request: %v %v", res, err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v, output %q", err, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Fatalf("printed %q", stderr.String())
	}
}

func TestStartupFailureIsOneLineOnStderrAndNonZeroExit(t *testing.T) {
	bin := buildBinary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	for _, env := range [][]string{{"PORT=" + busy}, {"THREADS=zero"}} {
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), env...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("%v: exit %v, want non-zero", env, err)
		}
		if lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n"); len(lines) != 1 || lines[0] == "" {
			t.Fatalf("%v: stderr %q, want one line", env, stderr.String())
		}
	}
}
