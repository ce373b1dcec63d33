package api

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// grpc-go answers a request that fails to unmarshal with INTERNAL. A bad
// request is the client's mistake, so the server codec instead leaves an
// empty message carrying the decode error in a reserved unknown field, and
// the interceptors turn that into INVALID_ARGUMENT before any handler runs.

// badRequestField is the field number the decode error travels in (the
// largest valid one: no message of ours uses it).
const badRequestField = protowire.Number(536870911)

type lenientCodec struct{}

func (lenientCodec) Name() string { return "proto" }

func (lenientCodec) Marshal(v any) ([]byte, error) {
	m, ok := v.(proto.Message)
	if !ok {
		return nil, fmt.Errorf("grpc codec: %T is not a proto message", v)
	}
	return proto.Marshal(m)
}

func (lenientCodec) Unmarshal(data []byte, v any) error {
	m, ok := v.(proto.Message)
	if !ok {
		return fmt.Errorf("grpc codec: %T is not a proto message", v)
	}
	if err := proto.Unmarshal(data, m); err != nil {
		proto.Reset(m)
		msg := fmt.Sprintf("the request is not a valid %s protobuf: %v", m.ProtoReflect().Descriptor().FullName(), err)
		b := protowire.AppendTag(nil, badRequestField, protowire.BytesType)
		m.ProtoReflect().SetUnknown(protowire.AppendString(b, msg))
	}
	return nil
}

// decodeError returns the decode error a lenientCodec left in m, if any.
func decodeError(v any) error {
	m, ok := v.(proto.Message)
	if !ok {
		return nil
	}
	b := m.ProtoReflect().GetUnknown()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil
		}
		b = b[n:]
		if num == badRequestField && typ == protowire.BytesType {
			s, n := protowire.ConsumeString(b)
			if n < 0 {
				return nil
			}
			return status.Error(codes.InvalidArgument, s)
		}
		n = protowire.ConsumeFieldValue(num, typ, b)
		if n < 0 {
			return nil
		}
		b = b[n:]
	}
	return nil
}

func rejectUndecodable(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	if err := decodeError(req); err != nil {
		return nil, err
	}
	return h(ctx, req)
}

type decodeCheckedStream struct{ grpc.ServerStream }

func (s decodeCheckedStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	return decodeError(m)
}

func rejectUndecodableStream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	return h(srv, decodeCheckedStream{ss})
}
