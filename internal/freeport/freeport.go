// Package freeport finds TCP ports to hand to servers that bind them a
// moment later (a child process, an embedded Temporal service).
package freeport

import (
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
)

// TCP returns a port free on host right now. It draws from below Linux's
// ephemeral range (32768–60999): a port the kernel picks for ":0" is also
// one it hands out as the source port of outbound connections, so between
// this check and the server's bind another process's connection could take
// it (seen in CI: "bind: address already in use"). Ports from 20000–31999
// are taken only by servers that ask for them.
func TCP(host string) (int, error) {
	for range 64 {
		port := 20000 + rand.IntN(12000)
		if l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port))); err == nil {
			l.Close()
			return port, nil
		}
	}
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, fmt.Errorf("find a free port on %s: %w", host, err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
