package axl

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Bridge serves the stock AXL node's HTTP API (/send, /recv, /topology)
// over an embedded node, for tools written against the stock node. Install
// it as the node's handler (node.Handle(bridge.Push)) to feed /recv.
type Bridge struct {
	node *Node

	mu    sync.Mutex
	queue []received
}

type received struct {
	from PeerID
	data []byte
}

// bridgeQueueLen is the stock /recv queue length; the oldest message is
// dropped when it is full.
const bridgeQueueLen = 100

// NewBridge serves node's bridge API.
func NewBridge(node *Node) *Bridge { return &Bridge{node: node} }

// Push queues a received message for /recv.
func (b *Bridge) Push(from PeerID, msg []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.queue) >= bridgeQueueLen {
		b.queue = b.queue[1:]
	}
	b.queue = append(b.queue, received{from, msg})
}

// ServeHTTP routes the stock endpoints.
func (b *Bridge) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/send":
		b.send(w, r)
	case "/recv":
		b.recv(w)
	case "/topology":
		b.topology(w)
	default:
		http.NotFound(w, r)
	}
}

func (b *Bridge) send(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	dest := r.Header.Get("X-Destination-Peer-Id")
	if dest == "" {
		http.Error(w, "Missing X-Destination-Peer-Id header", http.StatusBadRequest)
		return
	}
	id, err := ParsePeerID(dest)
	if err != nil {
		http.Error(w, "Invalid destination peer ID", http.StatusBadRequest)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, int64(b.node.MaxMessageSize())+1))
	if err != nil {
		http.Error(w, "Failed to read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	// Unlike the stock bridge, a send has a deadline: an unreachable peer
	// answers 502 instead of hanging.
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	if err := b.node.Send(ctx, id, data); err != nil {
		status := http.StatusBadGateway
		if errors.Is(err, ErrTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(w, "Failed to reach peer: "+err.Error(), status)
		return
	}
	w.Header().Set("X-Sent-Bytes", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
}

func (b *Bridge) recv(w http.ResponseWriter) {
	b.mu.Lock()
	if len(b.queue) == 0 {
		b.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	m := b.queue[0]
	b.queue = b.queue[1:]
	b.mu.Unlock()
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("X-From-Peer-Id", string(m.from))
	w.Write(m.data)
}

type topologyPeer struct {
	URI       string   `json:"uri"`
	Up        bool     `json:"up"`
	Inbound   bool     `json:"inbound"`
	PublicKey string   `json:"public_key"`
	Root      string   `json:"root"`
	Port      uint64   `json:"port"`
	Coords    []uint64 `json:"coords"`
}

type topologyTree struct {
	PublicKey string `json:"public_key"`
	Parent    string `json:"parent"`
	Sequence  uint64 `json:"sequence"`
}

func (b *Bridge) topology(w http.ResponseWriter) {
	c := b.node.Core()
	out := struct {
		OurIPv6      string         `json:"our_ipv6"`
		OurPublicKey string         `json:"our_public_key"`
		Peers        []topologyPeer `json:"peers"`
		Tree         []topologyTree `json:"tree"`
	}{OurIPv6: c.Address().String(), OurPublicKey: string(b.node.ID())}
	for _, p := range c.GetPeers() {
		out.Peers = append(out.Peers, topologyPeer{URI: p.URI, Up: p.Up, Inbound: p.Inbound,
			PublicKey: hex.EncodeToString(p.Key), Root: hex.EncodeToString(p.Root), Port: p.Port, Coords: p.Coords})
	}
	for _, t := range c.GetTree() {
		out.Tree = append(out.Tree, topologyTree{PublicKey: hex.EncodeToString(t.Key), Parent: hex.EncodeToString(t.Parent), Sequence: t.Sequence})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}
