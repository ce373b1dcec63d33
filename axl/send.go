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
	mu      sync.Mutex
	conn    net.Conn
	buf     []byte
	dialing chan struct{} // closed when the dial under way ends
	dialErr error
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

// ensureConn waits for pc's connection, starting a dial when none is
// under way. The dial runs on the node's lifetime, not the caller's: a
// first contact (Yggdrasil finding a route, SYNs retried) may outlast one
// caller's deadline, and restarting the handshake for each caller would
// never let it finish.
func (n *Node) ensureConn(ctx context.Context, pc *peerConn, to PeerID) error {
	if pc.conn != nil {
		return nil
	}
	if pc.dialing == nil {
		pc.dialing = make(chan struct{})
		go n.dial(pc, to)
	}
	dialing := pc.dialing
	pc.mu.Unlock()
	select {
	case <-dialing:
	case <-ctx.Done():
	}
	pc.mu.Lock()
	if pc.conn != nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("axl: reaching peer %s: %w", to.Short(), ctx.Err())
	}
	return fmt.Errorf("axl: reaching peer %s: %w", to.Short(), pc.dialErr)
}

// dialTimeout bounds one background dial; settleTime is how long a new
// node waits before its first dial.
const (
	dialTimeout = 30 * time.Second
	settleTime  = 3500 * time.Millisecond
)

func (n *Node) dial(pc *peerConn, to PeerID) {
	addr, _ := addrOf(to)
	full := tcpip.FullAddress{Addr: tcpip.AddrFromSlice(addr[:]), Port: uint16(n.cfg.TCPPort)}
	ctx, cancel := context.WithTimeout(n.ctx, dialTimeout)
	defer cancel()
	// A path looked up while a new node's Yggdrasil tree is still forming
	// can stay broken for tens of seconds (measured in a 4-node mesh of new
	// nodes: 5 of 24 dials failed for 15 s or more; none of 24 after this
	// wait), so a young node holds its first dial until settled.
	select {
	case <-time.After(settleTime - time.Since(n.started)):
	case <-ctx.Done():
	}
	var c net.Conn
	var err error
	// Until Yggdrasil has a path, SYNs are dropped and the netstack would
	// wait 1 s, then 2 s, before resending: redial on a short, growing
	// timeout instead.
	for attempt := 250 * time.Millisecond; ; attempt = min(2*attempt, 5*time.Second) {
		actx, acancel := context.WithTimeout(ctx, attempt)
		var tc *gonet.TCPConn
		tc, err = gonet.DialContextTCP(actx, n.net, full, header.IPv6ProtocolNumber)
		acancel()
		if err == nil {
			c = tc
			break
		}
		if ctx.Err() != nil {
			break
		}
		// No answer: ask for a fresh path. Ironwood keeps the path it found
		// until it times out (1 min, and our own SYNs keep resetting that); if
		// the destination moved in the tree since (a young node while the tree
		// converges), only a new lookup brings its new coordinates. This is
		// what the settle wait cannot cover: an old node dialing a new
		// one (seen in CI: a stage unreachable for 10 s from its neighbour).
		n.core.SendLookup(to.Key())
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Millisecond):
		}
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if err == nil && n.ctx.Err() != nil {
		c.Close()
		err = errors.New("node closed")
	}
	pc.conn, pc.dialErr = c, err
	close(pc.dialing)
	pc.dialing = nil
}
