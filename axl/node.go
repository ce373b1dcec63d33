// Package axl is an AXL node embedded in a process: a Yggdrasil node
// (yggdrasil-go) with a gVisor user-space TCP/IP stack on its overlay
// address, speaking the stock AXL framing (4-byte big-endian length, then
// the payload) on overlay port 7000. It interoperates with stock AXL nodes
// both ways, and adds what a hot path needs: persistent connections (one
// per destination, many messages each), a blocking packet pump, an MTU
// above 1280 where both ends are ours, and an allow list checked on every
// message.
package axl

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	iwt "github.com/Arceliar/ironwood/types"
	"github.com/yggdrasil-network/yggdrasil-go/src/config"
	"github.com/yggdrasil-network/yggdrasil-go/src/core"
	"github.com/yggdrasil-network/yggdrasil-go/src/ipv6rwc"
	"go.uber.org/zap"
	"gvisor.dev/gvisor/pkg/buffer"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/adapters/gonet"
	"gvisor.dev/gvisor/pkg/tcpip/header"
	"gvisor.dev/gvisor/pkg/tcpip/link/channel"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

// Handler receives each message from an allowed peer. Messages from one
// connection arrive in order, one at a time; the handler owns msg.
type Handler func(from PeerID, msg []byte)

// Stats counts a node's traffic.
type Stats struct {
	MessagesIn, MessagesOut uint64
	BytesIn, BytesOut       uint64
	// Dropped counts messages from peers outside the allow list.
	Dropped uint64
	// Oversized counts connections closed for a message over max_message_size.
	Oversized uint64
	// Rejected counts connections refused at max_concurrent_conns.
	Rejected uint64
}

// Node is a running embedded AXL node.
type Node struct {
	cfg  Config
	log  *zap.Logger
	id   PeerID
	core *core.Core
	rwc  *ipv6rwc.ReadWriteCloser
	ep   *channel.Endpoint
	net  *stack.Stack
	lis  *gonet.TCPListener

	yggClosed *atomic.Bool // set by Close: yggdrasil's late log lines are dropped (logger.go)

	listeners []*core.Listener
	handler   atomic.Pointer[Handler]
	sem       chan struct{}

	mu      sync.Mutex
	conns   map[PeerID]*peerConn
	inbound map[net.Conn]struct{}
	known   map[overlayAddr]PeerID // full ids of peers we have been told about
	allowed map[overlayAddr]bool   // nil: everyone may send

	stats struct {
		in, out, bytesIn, bytesOut, dropped, oversized, rejected atomic.Uint64
	}
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	started time.Time
}

// New starts a node: Yggdrasil core, listeners, peers, netstack and the
// message listener on the overlay TCP port. Call Close to stop it.
func New(cfg Config, log *zap.Logger, h Handler) (*Node, error) {
	cfg.setDefaults()
	if err := cfg.loadKey(); err != nil {
		return nil, err
	}
	ycfg := config.GenerateConfig()
	ycfg.PrivateKey = config.KeyBytes(cfg.key)
	ycfg.PrivateKeyPath = ""
	if err := ycfg.GenerateSelfSignedCertificate(); err != nil {
		return nil, fmt.Errorf("axl: certificate for identity: %w", err)
	}
	var opts []core.SetupOption
	for _, p := range cfg.Peers {
		opts = append(opts, core.Peer{URI: p})
	}
	yggClosed := new(atomic.Bool)
	c, err := core.New(ycfg.Certificate, yggLogger{log.Named("yggdrasil").Sugar(), yggClosed}, opts...)
	if err != nil {
		return nil, fmt.Errorf("axl: starting Yggdrasil core: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := &Node{
		cfg: cfg, log: log, id: PeerIDOf(c.PublicKey()), core: c, yggClosed: yggClosed,
		sem:   make(chan struct{}, cfg.MaxConcurrentConns),
		conns: map[PeerID]*peerConn{}, inbound: map[net.Conn]struct{}{}, known: map[overlayAddr]PeerID{},
		ctx: ctx, cancel: cancel, started: time.Now(),
	}
	if h != nil {
		n.handler.Store(&h)
	}
	if err := n.start(); err != nil {
		n.Close()
		return nil, err
	}
	if len(cfg.AllowedPeers) > 0 {
		ids, err := ParsePeerIDs(strings.Join(cfg.AllowedPeers, ","))
		if err != nil {
			n.Close()
			return nil, fmt.Errorf("axl: allowed_peers: %w", err)
		}
		n.Allow(ids...)
	}
	log.Info("AXL node started", zap.String("peer_id", string(n.id)), zap.Stringer("ipv6", c.Address()),
		zap.Strings("listen", n.ListenAddrs()), zap.Int("mtu", int(n.ep.MTU())))
	return n, nil
}

func (n *Node) start() error {
	for _, l := range n.cfg.Listen {
		u, err := url.Parse(l)
		if err != nil {
			return fmt.Errorf("axl: listen address %q: %w", l, err)
		}
		lis, err := n.core.Listen(u, "")
		if err != nil {
			return fmt.Errorf("axl: listening on %s: %w", l, err)
		}
		n.listeners = append(n.listeners, lis)
	}
	n.rwc = ipv6rwc.NewReadWriteCloser(n.core)
	n.rwc.SetMTU(uint64(n.cfg.MTU))
	mtu := uint32(n.rwc.MTU())
	n.ep = channel.New(1024, mtu, "")
	n.net = stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv6.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
	})
	// Buffers stay below Yggdrasil's per-link queue (128 KiB): larger windows
	// let a burst overflow it, and the drops cost retransmission timeouts.
	sendBuf := tcpip.TCPSendBufferSizeRangeOption{Min: 4096, Default: 96 << 10, Max: 96 << 10}
	recvBuf := tcpip.TCPReceiveBufferSizeRangeOption{Min: 4096, Default: 96 << 10, Max: 96 << 10}
	noDelay := tcpip.TCPDelayEnabled(false)
	sack := tcpip.TCPSACKEnabled(true)
	for _, opt := range []tcpip.SettableTransportProtocolOption{&sendBuf, &recvBuf, &noDelay, &sack} {
		if err := n.net.SetTransportProtocolOption(tcp.ProtocolNumber, opt); err != nil {
			return fmt.Errorf("axl: netstack option %T: %v", opt, err)
		}
	}
	if err := n.net.CreateNIC(1, n.ep); err != nil {
		return fmt.Errorf("axl: netstack NIC: %v", err)
	}
	addr := tcpip.ProtocolAddress{
		Protocol:          header.IPv6ProtocolNumber,
		AddressWithPrefix: tcpip.AddressWithPrefix{Address: tcpip.AddrFromSlice(n.core.Address()), PrefixLen: 64},
	}
	if err := n.net.AddProtocolAddress(1, addr, stack.AddressProperties{}); err != nil {
		return fmt.Errorf("axl: netstack address: %v", err)
	}
	n.net.SetRouteTable([]tcpip.Route{{Destination: header.IPv6EmptySubnet, NIC: 1}})
	lis, err := gonet.ListenTCP(n.net, tcpip.FullAddress{Port: uint16(n.cfg.TCPPort)}, header.IPv6ProtocolNumber)
	if err != nil {
		return fmt.Errorf("axl: listening on overlay port %d: %w", n.cfg.TCPPort, err)
	}
	n.lis = lis
	n.wg.Add(3)
	go n.pumpIn()
	go n.pumpOut()
	go n.accept()
	return nil
}

// pumpIn moves packets from Yggdrasil into the netstack.
func (n *Node) pumpIn() {
	defer n.wg.Done()
	buf := make([]byte, 65535)
	for {
		k, err := n.rwc.Read(buf)
		if err != nil {
			if n.ctx.Err() == nil {
				n.log.Debug("overlay read ended", zap.Error(err))
			}
			return
		}
		if k == 0 {
			continue
		}
		pkt := stack.NewPacketBuffer(stack.PacketBufferOptions{
			Payload: buffer.MakeWithData(append([]byte(nil), buf[:k]...)),
		})
		n.ep.InjectInbound(header.IPv6ProtocolNumber, pkt)
		pkt.DecRef()
	}
}

// pumpOut moves packets from the netstack into Yggdrasil. It blocks on the
// endpoint's queue (the stock node polls with a 1 ms sleep).
func (n *Node) pumpOut() {
	defer n.wg.Done()
	var bs []byte
	for {
		pkt := n.ep.ReadContext(n.ctx)
		if pkt == nil {
			return
		}
		bs = bs[:0]
		for _, v := range pkt.AsSlices() {
			bs = append(bs, v...)
		}
		pkt.DecRef()
		if err := n.writePacket(bs); err != nil {
			n.log.Debug("overlay write", zap.Error(err))
		}
	}
}

// writePacket hands an IPv6 packet to Yggdrasil. To a peer whose full key
// we know it goes straight to that key: ipv6rwc, knowing only the address,
// would first look the key up and hold the packet meanwhile, which costs a
// new connection seconds of SYN retransmissions.
func (n *Node) writePacket(bs []byte) error {
	if len(bs) >= 40 {
		var dst overlayAddr
		copy(dst[:], bs[24:40])
		n.mu.Lock()
		id, ok := n.known[dst]
		n.mu.Unlock()
		if ok {
			_, err := n.core.WriteTo(bs, iwt.Addr(id.Key()))
			return err
		}
	}
	_, err := n.rwc.Write(bs)
	return err
}

func (n *Node) accept() {
	defer n.wg.Done()
	for {
		c, err := n.lis.Accept()
		if err != nil {
			if n.ctx.Err() == nil {
				n.log.Warn("overlay accept", zap.Error(err))
			}
			return
		}
		select {
		case n.sem <- struct{}{}:
			n.mu.Lock()
			n.inbound[c] = struct{}{}
			n.mu.Unlock()
			n.wg.Add(1)
			go func() {
				defer n.wg.Done()
				defer func() { <-n.sem }()
				n.serveConn(c)
			}()
		default:
			n.stats.rejected.Add(1)
			n.log.Warn("connection limit reached, refusing", zap.Int("max_concurrent_conns", n.cfg.MaxConcurrentConns))
			c.Close()
		}
	}
}

// serveConn reads framed messages until the peer closes, a timeout, or an
// oversized message.
func (n *Node) serveConn(c net.Conn) {
	defer func() {
		c.Close()
		n.mu.Lock()
		delete(n.inbound, c)
		n.mu.Unlock()
	}()
	var ip net.IP
	if ta, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		ip = ta.IP
	}
	addr, ok := addrFromIP(ip)
	if !ok {
		return
	}
	idle := time.Duration(n.cfg.ConnIdleTimeoutSecs) * time.Second
	read := time.Duration(n.cfg.ConnReadTimeoutSecs) * time.Second
	var lenBuf [4]byte
	for {
		c.SetReadDeadline(time.Now().Add(idle))
		if _, err := io.ReadFull(c, lenBuf[:]); err != nil {
			return
		}
		size := binary.BigEndian.Uint32(lenBuf[:])
		if uint64(size) > uint64(n.cfg.MaxMessageSize) {
			n.stats.oversized.Add(1)
			n.log.Warn("message over max_message_size, closing connection",
				zap.String("from", addr.partialID().Short()), zap.Uint32("size", size), zap.Int("max", n.cfg.MaxMessageSize))
			return
		}
		c.SetReadDeadline(time.Now().Add(read))
		msg := make([]byte, size)
		if _, err := io.ReadFull(c, msg); err != nil {
			n.log.Debug("reading message", zap.String("from", addr.partialID().Short()), zap.Error(err))
			return
		}
		from, allowed := n.sender(addr)
		if !allowed {
			n.stats.dropped.Add(1)
			continue
		}
		n.stats.in.Add(1)
		n.stats.bytesIn.Add(uint64(size))
		if h := n.handler.Load(); h != nil {
			(*h)(from, msg)
		}
	}
}

// sender names who sent from an overlay address: the full id when we know
// the peer, else the stock node's partial id; and whether it may send. It
// is checked per message, so a peer removed from the list is cut off at once.
func (n *Node) sender(addr overlayAddr) (PeerID, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	id, known := n.known[addr]
	if !known {
		id = addr.partialID()
	}
	return id, n.allowed == nil || n.allowed[addr]
}

// Handle replaces the message handler.
func (n *Node) Handle(h Handler) { n.handler.Store(&h) }

// Allow restricts senders to ids (replacing any earlier list); with no ids
// everyone may send again.
func (n *Node) Allow(ids ...PeerID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(ids) == 0 {
		n.allowed = nil
		return
	}
	n.allowed = map[overlayAddr]bool{}
	for _, id := range ids {
		if a, ok := addrOf(id); ok {
			n.allowed[a] = true
			n.known[a] = id
		}
	}
}

// ID is this node's peer id.
func (n *Node) ID() PeerID { return n.id }

// Address is this node's overlay IPv6 address.
func (n *Node) Address() net.IP { return n.core.Address() }

// ListenAddrs are the peering URIs this node listens on, with real ports.
func (n *Node) ListenAddrs() []string {
	var out []string
	for _, l := range n.listeners {
		out = append(out, "tls://"+l.Addr().String())
	}
	return out
}

// AddPeer peers with another node (tls://host:port).
func (n *Node) AddPeer(uri string) error {
	u, err := url.Parse(uri)
	if err != nil {
		return fmt.Errorf("axl: peer %q: %w", uri, err)
	}
	if err := n.core.AddPeer(u, ""); err != nil && !errors.Is(err, core.ErrLinkAlreadyConfigured) {
		return fmt.Errorf("axl: adding peer %s: %w", uri, err)
	}
	return nil
}

// Core exposes the Yggdrasil core (topology).
func (n *Node) Core() *core.Core { return n.core }

// Stats returns the traffic counters.
func (n *Node) Stats() Stats {
	return Stats{
		MessagesIn: n.stats.in.Load(), MessagesOut: n.stats.out.Load(),
		BytesIn: n.stats.bytesIn.Load(), BytesOut: n.stats.bytesOut.Load(),
		Dropped: n.stats.dropped.Load(), Oversized: n.stats.oversized.Load(), Rejected: n.stats.rejected.Load(),
	}
}

// MaxMessageSize is the largest message this node accepts.
func (n *Node) MaxMessageSize() int { return n.cfg.MaxMessageSize }

// Close stops the node and waits for its goroutines.
func (n *Node) Close() error {
	n.cancel()
	// Close connections outside n.mu: a sender blocked in a write holds its
	// peerConn's lock and needs the packet pump, which takes n.mu.
	n.mu.Lock()
	conns, inbound := n.conns, n.inbound
	n.conns, n.inbound = map[PeerID]*peerConn{}, map[net.Conn]struct{}{}
	n.mu.Unlock()
	for _, pc := range conns {
		pc.close()
	}
	for c := range inbound {
		c.Close()
	}
	if n.lis != nil {
		n.lis.Close()
	}
	for _, l := range n.listeners {
		l.Cancel()
	}
	if n.rwc != nil {
		n.rwc.Close() // stops the core; unblocks pumpIn
	} else {
		n.core.Stop()
	}
	if n.ep != nil {
		n.ep.Close()
	}
	n.wg.Wait()
	if n.net != nil {
		n.net.Close()
	}
	n.yggClosed.Store(true)
	return nil
}
