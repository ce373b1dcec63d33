package freeport

import (
	"net"
	"strconv"
	"testing"
)

// The port is outside the ephemeral range and can be bound.
func TestTCP(t *testing.T) {
	for range 20 {
		port, err := TCP("127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if port < 20000 || port >= 32000 {
			t.Errorf("port %d: want one in 20000–31999, below the ephemeral range", port)
		}
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			t.Fatalf("port %d cannot be bound: %v", port, err)
		}
		l.Close()
	}
}
