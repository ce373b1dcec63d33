package axl

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net"
	"strings"

	"github.com/yggdrasil-network/yggdrasil-go/src/address"
)

// PeerID names a node on the network: the hex of its 32-byte ed25519 public
// key, as the stock AXL node prints it.
type PeerID string

// ParsePeerID checks that s is 64 hex digits (either case).
func ParsePeerID(s string) (PeerID, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return "", fmt.Errorf("peer id %q: want 64 hex digits (an ed25519 public key)", s)
	}
	return PeerID(s), nil
}

// ParsePeerIDs parses a comma-separated list, ignoring empty entries.
func ParsePeerIDs(s string) ([]PeerID, error) {
	var ids []PeerID
	for _, f := range strings.Split(s, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		id, err := ParsePeerID(f)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// PeerIDOf is the peer id of a public key.
func PeerIDOf(pub ed25519.PublicKey) PeerID { return PeerID(hex.EncodeToString(pub)) }

// Key returns the public key; nil if the id is malformed.
func (p PeerID) Key() ed25519.PublicKey {
	b, err := hex.DecodeString(string(p))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil
	}
	return b
}

// Short is the id's first 8 hex digits, for logs.
func (p PeerID) Short() string {
	if len(p) > 8 {
		return string(p[:8])
	}
	return string(p)
}

// overlayAddr is a node's Yggdrasil IPv6 address (200::/7), derived from its
// key. It carries only ~114 bits of the key, so a receiver identifies a
// sender by this address, never by a full key read off the wire.
type overlayAddr [16]byte

func addrOf(p PeerID) (overlayAddr, bool) {
	k := p.Key()
	if k == nil {
		return overlayAddr{}, false
	}
	return overlayAddr(*address.AddrForKey(k)), true
}

func addrFromIP(ip net.IP) (overlayAddr, bool) {
	ip16 := ip.To16()
	if ip16 == nil {
		return overlayAddr{}, false
	}
	var a overlayAddr
	copy(a[:], ip16)
	ya := address.Address(a)
	return a, ya.IsValid()
}

// partialID rebuilds a peer id from an overlay address the way the stock
// node does for X-From-Peer-Id: the bits the address carries, the rest 'f'.
func (a overlayAddr) partialID() PeerID {
	ya := address.Address(a)
	return PeerIDOf(ya.GetKey())
}
