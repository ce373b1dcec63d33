package api

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/computepool/computepool/api/auth"
	pb "github.com/computepool/computepool/proto/computepool/v1"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/tokenizer/chattemplate"
)

// grpcError maps an error to a gRPC status a client can act on.
func grpcError(err error) error {
	if err == nil {
		return nil
	}
	var inv *InvalidRequestError
	switch {
	case errors.As(err, &inv), errors.Is(err, auth.ErrInvalidInput):
		return status.Error(codes.InvalidArgument, err.Error())
	case errors.Is(err, ErrNotFound), errors.Is(err, auth.ErrKeyNotFound):
		return status.Error(codes.NotFound, err.Error())
	case errors.Is(err, ErrAlreadyExists), errors.Is(err, auth.ErrUserExists):
		return status.Error(codes.AlreadyExists, err.Error())
	case errors.Is(err, ErrFailedPrecondition):
		return status.Error(codes.FailedPrecondition, err.Error())
	case errors.Is(err, auth.ErrUnauthenticated):
		return status.Error(codes.Unauthenticated, err.Error())
	case errors.Is(err, ErrOverloaded):
		return status.Error(codes.ResourceExhausted, err.Error())
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	return status.Error(codes.Internal, err.Error())
}

func invalidArg(format string, args ...any) error {
	return status.Errorf(codes.InvalidArgument, format, args...)
}

var poolName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

func checkPoolName(field, name string) error {
	if !poolName.MatchString(name) {
		return invalidArg("%s %q: use 1-63 lowercase letters, digits and dashes, starting with a letter or digit", field, name)
	}
	return nil
}

// poolService implements pb.PoolServiceServer over a PoolController.
type poolService struct {
	pb.UnimplementedPoolServiceServer
	pools PoolController
}

func (s *poolService) CreatePool(ctx context.Context, req *pb.CreatePoolRequest) (*pb.Pool, error) {
	if err := checkPoolName("name", req.Name); err != nil {
		return nil, err
	}
	if req.Model == "" {
		return nil, invalidArg("model is required (a model id from ListModels)")
	}
	p, err := s.pools.CreatePool(ctx, req)
	return p, grpcError(err)
}

func (s *poolService) GetPool(ctx context.Context, req *pb.GetPoolRequest) (*pb.Pool, error) {
	if err := checkPoolName("name", req.Name); err != nil {
		return nil, err
	}
	p, err := s.pools.GetPool(ctx, req.Name)
	return p, grpcError(err)
}

func (s *poolService) ListPools(ctx context.Context, _ *pb.ListPoolsRequest) (*pb.ListPoolsResponse, error) {
	ps, err := s.pools.ListPools(ctx)
	if err != nil {
		return nil, grpcError(err)
	}
	return &pb.ListPoolsResponse{Pools: ps}, nil
}

func (s *poolService) DeletePool(ctx context.Context, req *pb.DeletePoolRequest) (*pb.DeletePoolResponse, error) {
	if err := checkPoolName("name", req.Name); err != nil {
		return nil, err
	}
	if err := s.pools.DeletePool(ctx, req.Name); err != nil {
		return nil, grpcError(err)
	}
	return &pb.DeletePoolResponse{}, nil
}

func (s *poolService) AddNode(ctx context.Context, req *pb.AddNodeRequest) (*pb.Pool, error) {
	if err := checkPoolName("pool", req.Pool); err != nil {
		return nil, err
	}
	if req.NodeId == "" {
		return nil, invalidArg("node_id is required (the node's AXL public key, hex)")
	}
	if req.LayerStart < 0 || req.LayerEnd <= req.LayerStart {
		return nil, invalidArg("layers %d:%d: want 0 <= layer_start < layer_end", req.LayerStart, req.LayerEnd)
	}
	p, err := s.pools.AddNode(ctx, req.Pool, &pb.PoolNode{NodeId: req.NodeId, LayerStart: req.LayerStart, LayerEnd: req.LayerEnd})
	return p, grpcError(err)
}

func (s *poolService) RemoveNode(ctx context.Context, req *pb.RemoveNodeRequest) (*pb.Pool, error) {
	if err := checkPoolName("pool", req.Pool); err != nil {
		return nil, err
	}
	if req.NodeId == "" {
		return nil, invalidArg("node_id is required")
	}
	p, err := s.pools.RemoveNode(ctx, req.Pool, req.NodeId)
	return p, grpcError(err)
}

func (s *poolService) action(ctx context.Context, name string, f func(context.Context, string) (*pb.Pool, error)) (*pb.Pool, error) {
	if err := checkPoolName("name", name); err != nil {
		return nil, err
	}
	p, err := f(ctx, name)
	return p, grpcError(err)
}

func (s *poolService) InitializePool(ctx context.Context, req *pb.PoolActionRequest) (*pb.Pool, error) {
	return s.action(ctx, req.Name, s.pools.Initialize)
}

func (s *poolService) LoadPool(ctx context.Context, req *pb.PoolActionRequest) (*pb.Pool, error) {
	return s.action(ctx, req.Name, s.pools.Load)
}

func (s *poolService) UnloadPool(ctx context.Context, req *pb.PoolActionRequest) (*pb.Pool, error) {
	return s.action(ctx, req.Name, s.pools.Unload)
}

func (s *poolService) GetPoolState(ctx context.Context, req *pb.GetPoolRequest) (*pb.PoolStatus, error) {
	if err := checkPoolName("name", req.Name); err != nil {
		return nil, err
	}
	st, err := s.pools.State(ctx, req.Name)
	return st, grpcError(err)
}

// nodeService registers nodes that prove they hold their AXL key by signing
// a single-use challenge.
type nodeService struct {
	pb.UnimplementedNodeServiceServer
	now func() time.Time

	mu         sync.Mutex
	challenges map[string]challenge // by nonce (hex)
	nodes      map[string]*pb.Node
}

type challenge struct {
	publicKey string
	expires   time.Time
}

// ChallengeTTL is how long a node has to answer a challenge.
const ChallengeTTL = 5 * time.Minute

func newNodeService() *nodeService {
	return &nodeService{now: time.Now, challenges: map[string]challenge{}, nodes: map[string]*pb.Node{}}
}

func parsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, invalidArg("public_key %q: want the node's ed25519 key as %d hex characters", s, 2*ed25519.PublicKeySize)
	}
	return b, nil
}

func (s *nodeService) CreateChallenge(_ context.Context, req *pb.CreateChallengeRequest) (*pb.Challenge, error) {
	if _, err := parsePublicKey(req.PublicKey); err != nil {
		return nil, err
	}
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		return nil, grpcError(fmt.Errorf("drawing a challenge: %w", err))
	}
	now := s.now()
	c := challenge{publicKey: strings.ToLower(req.PublicKey), expires: now.Add(ChallengeTTL)}
	s.mu.Lock()
	for n, old := range s.challenges { // keep the table small
		if now.After(old.expires) {
			delete(s.challenges, n)
		}
	}
	s.challenges[hex.EncodeToString(nonce)] = c
	s.mu.Unlock()
	return &pb.Challenge{Nonce: hex.EncodeToString(nonce), ExpireTime: timestamppb.New(c.expires)}, nil
}

func (s *nodeService) RegisterNode(_ context.Context, req *pb.RegisterNodeRequest) (*pb.Node, error) {
	pub, err := parsePublicKey(req.PublicKey)
	if err != nil {
		return nil, err
	}
	nonce, err := hex.DecodeString(req.Nonce)
	if err != nil {
		return nil, invalidArg("nonce is not hex: send the nonce CreateChallenge returned")
	}
	sig, err := hex.DecodeString(req.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, invalidArg("signature: want an ed25519 signature of the nonce bytes, %d hex characters", 2*ed25519.SignatureSize)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.challenges[strings.ToLower(req.Nonce)]
	if !ok || s.now().After(c.expires) || c.publicKey != strings.ToLower(req.PublicKey) {
		return nil, status.Error(codes.FailedPrecondition, "unknown or expired challenge for this key: ask CreateChallenge for a new one")
	}
	if !ed25519.Verify(pub, nonce, sig) {
		return nil, status.Error(codes.PermissionDenied, "the signature does not verify with public_key: sign the nonce bytes with the node's AXL key")
	}
	delete(s.challenges, strings.ToLower(req.Nonce))
	n := &pb.Node{Id: c.publicKey, Address: req.Address, Operator: req.Operator, RegisterTime: timestamppb.New(s.now())}
	s.nodes[n.Id] = n
	return n, nil
}

func (s *nodeService) ListNodes(context.Context, *pb.ListNodesRequest) (*pb.ListNodesResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &pb.ListNodesResponse{}
	for _, n := range s.nodes {
		out.Nodes = append(out.Nodes, n)
	}
	slices.SortFunc(out.Nodes, func(a, b *pb.Node) int { return strings.Compare(a.Id, b.Id) })
	return out, nil
}

// modelService lists the served models.
type modelService struct {
	pb.UnimplementedModelServiceServer
	models *Models
}

func (s *modelService) ListModels(context.Context, *pb.ListModelsRequest) (*pb.ListModelsResponse, error) {
	out := &pb.ListModelsResponse{}
	for _, m := range s.models.List() {
		out.Models = append(out.Models, &pb.Model{Id: m.ID, Architecture: m.Architecture,
			NumLayers: int32(m.NumLayers), VocabSize: int32(m.VocabSize), Chat: m.Template != nil})
	}
	return out, nil
}

// authService manages users and keys.
type authService struct {
	pb.UnimplementedAuthServiceServer
	store *auth.Store
}

func keyProto(k *auth.Key) *pb.APIKey {
	return &pb.APIKey{Id: k.ID, Name: k.Name, Key: k.Secret, UserId: k.UserID, CreateTime: timestamppb.New(k.CreatedAt)}
}

func (s *authService) Register(ctx context.Context, req *pb.RegisterRequest) (*pb.APIKey, error) {
	k, err := s.store.Register(ctx, req.Email, req.Password)
	if err != nil {
		return nil, grpcError(err)
	}
	return keyProto(k), nil
}

func (s *authService) Login(ctx context.Context, req *pb.LoginRequest) (*pb.APIKey, error) {
	k, err := s.store.Login(ctx, req.Email, req.Password)
	if err != nil {
		return nil, grpcError(err)
	}
	return keyProto(k), nil
}

func (s *authService) CreateAPIKey(ctx context.Context, req *pb.CreateAPIKeyRequest) (*pb.APIKey, error) {
	u := UserFrom(ctx)
	if u == nil {
		return nil, status.Error(codes.Unauthenticated, "send an API key to create another")
	}
	name := req.Name
	if name == "" {
		name = "unnamed"
	}
	k, err := s.store.CreateKey(ctx, u.ID, name)
	if err != nil {
		return nil, grpcError(err)
	}
	return keyProto(k), nil
}

func (s *authService) RevokeAPIKey(ctx context.Context, req *pb.RevokeAPIKeyRequest) (*pb.RevokeAPIKeyResponse, error) {
	u := UserFrom(ctx)
	if u == nil {
		return nil, status.Error(codes.Unauthenticated, "send an API key to revoke one")
	}
	if err := s.store.Revoke(ctx, u.ID, req.Id); err != nil {
		return nil, grpcError(err)
	}
	return &pb.RevokeAPIKeyResponse{}, nil
}

// inferenceService streams generations.
type inferenceService struct {
	pb.UnimplementedInferenceServiceServer
	models *Models
	log    *zap.Logger
	meters *meterRelay
}

// TextRequestFromProto converts a GenerateRequest (Model.Generate validates it).
func TextRequestFromProto(req *pb.GenerateRequest) TextRequest {
	tr := TextRequest{Prompt: req.Prompt, MaxTokens: int(req.MaxTokens), Stop: req.Stop}
	for _, m := range req.Messages {
		tr.Messages = append(tr.Messages, chattemplate.Message{Role: m.Role, Content: m.Content})
	}
	if sp := req.Sampling; sp != nil {
		tr.Sampling = sample.Params{Temperature: sp.Temperature, TopP: sp.TopP, TopK: int(sp.TopK), MinP: sp.MinP,
			RepetitionPenalty: sp.RepetitionPenalty, Seed: sp.Seed}
	}
	return tr
}

func (s *inferenceService) Generate(req *pb.GenerateRequest, stream pb.InferenceService_GenerateServer) error {
	m, err := s.models.Get(req.Model)
	if err != nil {
		return grpcError(err)
	}
	ctx := stream.Context()
	if s.meters != nil {
		ctx = s.meters.withMeter(ctx) // a paid REST request billed per token
	}
	events, err := m.Generate(ctx, TextRequestFromProto(req))
	if err != nil {
		return grpcError(err)
	}
	for ev := range events {
		if ev.Final {
			if ev.Err != nil {
				return grpcError(ev.Err)
			}
			u := &pb.Usage{PromptTokens: int32(ev.Usage.PromptTokens), CompletionTokens: int32(ev.Usage.CompletionTokens), TotalTokens: int32(ev.Usage.TotalTokens)}
			return stream.Send(&pb.GenerateResponse{Event: &pb.GenerateResponse_Finish{Finish: &pb.FinishEvent{FinishReason: ev.FinishReason, Usage: u}}})
		}
		if err := stream.Send(&pb.GenerateResponse{Event: &pb.GenerateResponse_Token{Token: &pb.TokenEvent{TokenId: ev.Token, Text: ev.Text}}}); err != nil {
			return err
		}
	}
	return grpcError(stream.Context().Err())
}
