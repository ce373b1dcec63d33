package axl

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"go.uber.org/zap"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/adapters/gonet"
	"gvisor.dev/gvisor/pkg/tcpip/header"
)

// ErrTooLarge is returned for a message over the node's max_message_size.
var ErrTooLarge = errors.New("axl: message exceeds max_message_size")

// peerConn is the persistent outbound connection to one peer. Writes are
// serialized so frames never interleave.
type peerConn struct {
	mu   sync.Mutex
	conn net.Conn
	buf  []byte
}

func (pc *peerConn) close() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.conn != nil {
		pc.conn.Close()
		pc.conn = nil
	}
}

// Send delivers one message to a peer over the persistent connection,
// dialing it first if needed (the first contact with a new peer can take
// seconds while Yggdrasil discovers a route: give ctx a deadline). A write
// on a broken connection is retried once on a fresh one.
func (n *Node) Send(ctx context.Context, to PeerID, msg []byte) error {
	if len(msg) > n.cfg.MaxMessageSize {
		return fmt.Errorf("%w: %d > %d bytes", ErrTooLarge, len(msg), n.cfg.MaxMessageSize)
	}
	pc, err := n.peer(to)
	if err != nil {
		return err
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if err := n.ensureConn(ctx, pc, to); err != nil {
			return err
		}
		pc.buf = binary.BigEndian.AppendUint32(pc.buf[:0], uint32(len(msg)))
		pc.buf = append(pc.buf, msg...)
		if dl, ok := ctx.Deadline(); ok {
			pc.conn.SetWriteDeadline(dl)
		} else {
			pc.conn.SetWriteDeadline(time.Time{})
		}
		_, err := pc.conn.Write(pc.buf)
		if err == nil {
			n.stats.out.Add(1)
			n.stats.bytesOut.Add(uint64(len(msg)))
			return nil
		}
		pc.conn.Close()
		pc.conn = nil
		if attempt > 0 || ctx.Err() != nil {
			return fmt.Errorf("axl: sending to %s: %w", to.Short(), err)
		}
		n.log.Debug("connection broke, redialing", zap.String("peer", to.Short()), zap.Error(err))
	}
}

// Connect dials a peer ahead of the first Send (warms the route).
func (n *Node) Connect(ctx context.Context, to PeerID) error {
	pc, err := n.peer(to)
	if err != nil {
		return err
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return n.ensureConn(ctx, pc, to)
}

func (n *Node) peer(to PeerID) (*peerConn, error) {
	addr, ok := addrOf(to)
	if !ok {
		return nil, fmt.Errorf("axl: invalid destination peer id %q", to)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ctx.Err() != nil {
		return nil, errors.New("axl: node closed")
	}
	n.known[addr] = to
	pc := n.conns[to]
	if pc == nil {
		pc = &peerConn{}
		n.conns[to] = pc
	}
	return pc, nil
}

// ensureConn dials when pc has no connection. SYNs are retried by the
// netstack while Yggdrasil looks the destination up; a dial that fails
// outright is retried until ctx ends.
func (n *Node) ensureConn(ctx context.Context, pc *peerConn, to PeerID) error {
	if pc.conn != nil {
		return nil
	}
	addr, _ := addrOf(to)
	full := tcpip.FullAddress{Addr: tcpip.AddrFromSlice(addr[:]), Port: uint16(n.cfg.TCPPort)}
	for {
		dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		c, err := gonet.DialContextTCP(dctx, n.net, full, header.IPv6ProtocolNumber)
		cancel()
		if err == nil {
			pc.conn = c
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("axl: reaching peer %s: %w (%v)", to.Short(), ctx.Err(), err)
		}
		select {
		case <-ctx.Done():
		case <-n.ctx.Done():
			return errors.New("axl: node closed")
		case <-time.After(50 * time.Millisecond):
		}
	}
}
