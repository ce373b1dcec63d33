// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// CoalitionMember is an auto generated low-level Go binding around an user-defined struct.
type CoalitionMember struct {
	Stake    *big.Int
	Pending  *big.Int
	UnlockAt uint64
}

// CoalitionPool is an auto generated low-level Go binding around an user-defined struct.
type CoalitionPool struct {
	Arbiter        common.Address
	Treasury       common.Address
	Threshold      *big.Int
	TotalStake     *big.Int
	WithdrawDelay  uint64
	HarmedShareBps uint16
	Active         bool
	Exists         bool
}

// CoalitionMetaData contains all meta data concerning the Coalition contract.
var CoalitionMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"evidence\",\"type\":\"bytes32\"}],\"name\":\"EvidenceAlreadyUsed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"available\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidPoolConfig\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"}],\"name\":\"NotArbiter\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"}],\"name\":\"PoolExists\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"}],\"name\":\"UnknownPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"blockTime\",\"type\":\"uint256\"}],\"name\":\"WithdrawalLocked\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"Activated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"Deactivated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"withdrawDelay\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"harmedShareBps\",\"type\":\"uint16\"}],\"name\":\"PoolCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"evidence\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"harmed\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"harmedAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"treasuryAmount\",\"type\":\"uint256\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"providerStake\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"WithdrawalRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"withdrawDelay\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"harmedShareBps\",\"type\":\"uint16\"}],\"name\":\"createPool\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"evidence\",\"type\":\"bytes32\"}],\"name\":\"evidenceUsed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"used\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"}],\"name\":\"isActive\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"member\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"pending\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"internalType\":\"structCoalition.Member\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"}],\"name\":\"pool\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"withdrawDelay\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"harmedShareBps\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"}],\"internalType\":\"structCoalition.Pool\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestWithdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"evidence\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"harmed\",\"type\":\"address\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Coalition",
	Bin: "0x60a060405234801561000f575f5ffd5b5060405161138e38038061138e83398101604081905261002e91610063565b60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00556001600160a01b0316608052610090565b5f60208284031215610073575f5ffd5b81516001600160a01b0381168114610089575f5ffd5b9392505050565b6080516112ca6100c45f395f818161028c015281816108e301528181610923015281816109b00152610b7201526112ca5ff3fe608060405234801561000f575f5ffd5b50600436106100a6575f3560e01c80638caa52301161006e5780638caa5230146102235780638e19899e14610236578063a6c4a3f414610249578063fc0c546a14610287578063ff860b7b146102c6578063ffc3020f146102f3575f5ffd5b80631b7a4480146100aa578063249d39e9146101a35780632b1d0a69146101bf5780635c36901c146101d45780636849cf1114610210575b5f5ffd5b61018d6100b836600461101c565b60408051610100810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e0810191909152505f908152602081815260409182902082516101008101845281546001600160a01b03908116825260018301541692810192909252600281015492820192909252600382015460608201526004909101546001600160401b038116608083015261ffff600160401b82041660a083015260ff600160501b82048116151560c0840152600160581b90910416151560e082015290565b60405161019a9190611033565b60405180910390f35b6101ac61271081565b60405161ffff909116815260200161019a565b6101d26101cd3660046110d6565b610306565b005b6102006101e236600461101c565b5f90815260208190526040902060040154600160501b900460ff1690565b604051901515815260200161019a565b6101d261021e36600461114f565b610678565b6101d261023136600461119b565b61096f565b6101d261024436600461101c565b610a93565b61025c6102573660046111bb565b610bb4565b604080518251815260208084015190820152918101516001600160401b03169082015260600161019a565b6102ae7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161019a565b6102006102d436600461119b565b600260209081525f928352604080842090915290825290205460ff1681565b6101d261030136600461119b565b610c33565b5f86815260208190526040902060040154600160581b900460ff16156103475760405163cc36f93560e01b8152600481018790526024015b60405180910390fd5b6001600160a01b03851661039e57604051631e11a6ab60e01b815260206004820152601b60248201527f6172626974657220697320746865207a65726f20616464726573730000000000604482015260640161033e565b6001600160a01b0384166103f557604051631e11a6ab60e01b815260206004820152601c60248201527f747265617375727920697320746865207a65726f206164647265737300000000604482015260640161033e565b825f0361043957604051631e11a6ab60e01b81526020600482015260116024820152707468726573686f6c64206973207a65726f60781b604482015260640161033e565b61271061ffff8216111561049057604051631e11a6ab60e01b815260206004820152601c60248201527f6861726d65642073686172652061626f76652031303030302062707300000000604482015260640161033e565b604051806101000160405280866001600160a01b03168152602001856001600160a01b031681526020018481526020015f8152602001836001600160401b031681526020018261ffff1681526020015f15158152602001600115158152505f5f8881526020019081526020015f205f820151815f015f6101000a8154816001600160a01b0302191690836001600160a01b031602179055506020820151816001015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555060408201518160020155606082015181600301556080820151816004015f6101000a8154816001600160401b0302191690836001600160401b0316021790555060a08201518160040160086101000a81548161ffff021916908361ffff16021790555060c082015181600401600a6101000a81548160ff02191690831515021790555060e082015181600401600b6101000a81548160ff021916908315150217905550905050846001600160a01b0316867fa4b5ff9b3d10dd5b84dc0c8be04ff25f1eb735426988165b96f0c10d0e52cee98686868660405161066894939291906001600160a01b0394909416845260208401929092526001600160401b0316604083015261ffff16606082015260800190565b60405180910390a3505050505050565b610680610d89565b5f61068a86610da4565b80549091506001600160a01b031633146106ce57805460405160016204153960e11b031981523360048201526001600160a01b03909116602482015260440161033e565b835f036106ee57604051631f2a200560e01b815260040160405180910390fd5b5f86815260026020908152604080832086845290915290205460ff161561073257604051631921f5e160e21b8152600481018790526024810184905260440161033e565b5f8681526001602081815260408084206001600160a01b038a168552909152822090810154815491929161076691906111f9565b905080861115610793576040516322df051360e11b8152600481018790526024810182905260440161033e565b5f8881526002602090815260408083208884529091528120805460ff1916600117905582548711156107c65782546107c8565b865b905080835f015f8282546107dc919061120c565b9250508190555080846003015f8282546107f6919061120c565b909155506108069050818861120c565b836001015f828254610818919061120c565b909155505f90506001600160a01b0386161561085b5760048501546127109061084c90600160401b900461ffff168a61121f565b6108569190611236565b61085d565b5f5b90505f61086a828a61120c565b604080518b81526001600160a01b038a81166020830152918101859052606081018390529192508991908c16908d907f421f1ec0b4aac915af7c692365af5972058addc76294ff88b2809200967c97ae9060800160405180910390a46108d08b87610de5565b811561090a5761090a6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168884610eb1565b801561094c57600186015461094c906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000008116911683610eb1565b50505050505061096860015f5160206112755f395f51905f5255565b5050505050565b610977610d89565b5f61098183610da4565b9050815f036109a357604051631f2a200560e01b815260040160405180910390fd5b6109d86001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016333085610ee6565b5f8381526001602090815260408083203384529091528120805490918491839190610a049084906111f9565b9250508190555082826003015f828254610a1e91906111f9565b909155505080546003830154604080518681526020810193909352820152339085907f76f1790d42903cc44b4ee598d77e2c2a122e81a6e7fddaa012946b6b4b9784b09060600160405180910390a3610a778483610de5565b5050610a8f60015f5160206112755f395f51905f5255565b5050565b610a9b610d89565b610aa481610da4565b505f8181526001602081815260408084203385529091528220908101549091819003610ae357604051630686827b60e51b815260040160405180910390fd5b60028201546001600160401b0316421015610b28576002820154604051637938920360e11b81526001600160401b03909116600482015242602482015260440161033e565b5f6001830155604051818152339084907f04eda370f8b8612fa7266d7ebbd41af9d694e19793fe9d9ff31b3ddbd99b08e19060200160405180910390a3610b996001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383610eb1565b5050610bb160015f5160206112755f395f51905f5255565b50565b610bde60405180606001604052805f81526020015f81526020015f6001600160401b031681525090565b505f8281526001602081815260408084206001600160a01b03861685528252928390208351606081018552815481529281015491830191909152600201546001600160401b0316918101919091525b92915050565b5f610c3d83610da4565b9050815f03610c5f57604051631f2a200560e01b815260040160405180910390fd5b5f83815260016020908152604080832033845290915290208054831115610ca65780546040516322df051360e11b815261033e918591600401918252602082015260400190565b82815f015f828254610cb8919061120c565b9250508190555082816001015f828254610cd291906111f9565b90915550506004820154610cef906001600160401b031642611255565b816002015f6101000a8154816001600160401b0302191690836001600160401b0316021790555082826003015f828254610d29919061120c565b90915550506002810154604080518581526001600160401b039092166020830152339186917f6071b7bea2d83bf7f1949a4a743d3ce4c90b34576f351f90644c1993e51355dc910160405180910390a3610d838483610de5565b50505050565b610d91610f1c565b60025f5160206112755f395f51905f5255565b5f8181526020819052604090206004810154600160581b900460ff16610de05760405163180b855560e01b81526004810183905260240161033e565b919050565b60028101546003820154600483015491111590600160501b900460ff1615158103610e0f57505050565b60048201805482158015600160501b0260ff60501b1990921691909117909155610e7657827f8e57021b78ab31ef6ce34223a89228a0bc3cc0675eb856bb308221842afe77bc8360030154604051610e6991815260200190565b60405180910390a2505050565b827f407c30b756e5c4c4fc03da84666baf07b09223e9915b7e46af27d8e3aa1031768360030154604051610e6991815260200190565b505050565b610ebe8383836001610f4d565b610eac57604051635274afe760e01b81526001600160a01b038416600482015260240161033e565b610ef4848484846001610faf565b610d8357604051635274afe760e01b81526001600160a01b038516600482015260240161033e565b5f5160206112755f395f51905f5254600203610f4b57604051633ee5aeb560e01b815260040160405180910390fd5b565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316610fa3578383151615610f97573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f5114831661100b578383151615610fff573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f6020828403121561102c575f5ffd5b5035919050565b81516001600160a01b0390811682526020808401519091169082015260408083015190820152606080830151908201526080808301516001600160401b03169082015260a0828101516101008301916110919084018261ffff169052565b5060c08301516110a560c084018215159052565b5060e08301516110b960e084018215159052565b5092915050565b80356001600160a01b0381168114610de0575f5ffd5b5f5f5f5f5f5f60c087890312156110eb575f5ffd5b863595506110fb602088016110c0565b9450611109604088016110c0565b93506060870135925060808701356001600160401b038116811461112b575f5ffd5b915060a087013561ffff81168114611141575f5ffd5b809150509295509295509295565b5f5f5f5f5f60a08688031215611163575f5ffd5b85359450611173602087016110c0565b9350604086013592506060860135915061118f608087016110c0565b90509295509295909350565b5f5f604083850312156111ac575f5ffd5b50508035926020909101359150565b5f5f604083850312156111cc575f5ffd5b823591506111dc602084016110c0565b90509250929050565b634e487b7160e01b5f52601160045260245ffd5b80820180821115610c2d57610c2d6111e5565b81810381811115610c2d57610c2d6111e5565b8082028115828204841417610c2d57610c2d6111e5565b5f8261125057634e487b7160e01b5f52601260045260245ffd5b500490565b6001600160401b038181168382160190811115610c2d57610c2d6111e556fe9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00a2646970667358221220f8e59ea2a31b91282112ec48f38f9d992bbf9a0407c73784abfc08198f6783dd64736f6c63430008250033",
}

// Coalition is an auto generated Go binding around an Ethereum contract.
type Coalition struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Coalition) GetABI() abi.ABI {
	return c.abi
}

// NewCoalition creates a new instance of Coalition.
func NewCoalition() *Coalition {
	parsed, err := CoalitionMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Coalition{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Coalition) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address token_) returns()
func (coalition *Coalition) PackConstructor(token_ common.Address) []byte {
	enc, err := coalition.abi.Pack("", token_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x249d39e9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function BPS() view returns(uint16)
func (coalition *Coalition) PackBPS() []byte {
	enc, err := coalition.abi.Pack("BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x249d39e9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function BPS() view returns(uint16)
func (coalition *Coalition) TryPackBPS() ([]byte, error) {
	return coalition.abi.Pack("BPS")
}

// UnpackBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x249d39e9.
//
// Solidity: function BPS() view returns(uint16)
func (coalition *Coalition) UnpackBPS(data []byte) (uint16, error) {
	out, err := coalition.abi.Unpack("BPS", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackCreatePool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b1d0a69.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createPool(bytes32 poolId, address arbiter, address treasury, uint256 threshold, uint64 withdrawDelay, uint16 harmedShareBps) returns()
func (coalition *Coalition) PackCreatePool(poolId [32]byte, arbiter common.Address, treasury common.Address, threshold *big.Int, withdrawDelay uint64, harmedShareBps uint16) []byte {
	enc, err := coalition.abi.Pack("createPool", poolId, arbiter, treasury, threshold, withdrawDelay, harmedShareBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreatePool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b1d0a69.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createPool(bytes32 poolId, address arbiter, address treasury, uint256 threshold, uint64 withdrawDelay, uint16 harmedShareBps) returns()
func (coalition *Coalition) TryPackCreatePool(poolId [32]byte, arbiter common.Address, treasury common.Address, threshold *big.Int, withdrawDelay uint64, harmedShareBps uint16) ([]byte, error) {
	return coalition.abi.Pack("createPool", poolId, arbiter, treasury, threshold, withdrawDelay, harmedShareBps)
}

// PackEvidenceUsed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xff860b7b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function evidenceUsed(bytes32 poolId, bytes32 evidence) view returns(bool used)
func (coalition *Coalition) PackEvidenceUsed(poolId [32]byte, evidence [32]byte) []byte {
	enc, err := coalition.abi.Pack("evidenceUsed", poolId, evidence)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEvidenceUsed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xff860b7b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function evidenceUsed(bytes32 poolId, bytes32 evidence) view returns(bool used)
func (coalition *Coalition) TryPackEvidenceUsed(poolId [32]byte, evidence [32]byte) ([]byte, error) {
	return coalition.abi.Pack("evidenceUsed", poolId, evidence)
}

// UnpackEvidenceUsed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xff860b7b.
//
// Solidity: function evidenceUsed(bytes32 poolId, bytes32 evidence) view returns(bool used)
func (coalition *Coalition) UnpackEvidenceUsed(data []byte) (bool, error) {
	out, err := coalition.abi.Unpack("evidenceUsed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsActive is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c36901c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isActive(bytes32 poolId) view returns(bool)
func (coalition *Coalition) PackIsActive(poolId [32]byte) []byte {
	enc, err := coalition.abi.Pack("isActive", poolId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsActive is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c36901c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isActive(bytes32 poolId) view returns(bool)
func (coalition *Coalition) TryPackIsActive(poolId [32]byte) ([]byte, error) {
	return coalition.abi.Pack("isActive", poolId)
}

// UnpackIsActive is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c36901c.
//
// Solidity: function isActive(bytes32 poolId) view returns(bool)
func (coalition *Coalition) UnpackIsActive(data []byte) (bool, error) {
	out, err := coalition.abi.Unpack("isActive", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMember is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6c4a3f4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function member(bytes32 poolId, address provider) view returns((uint256,uint256,uint64))
func (coalition *Coalition) PackMember(poolId [32]byte, provider common.Address) []byte {
	enc, err := coalition.abi.Pack("member", poolId, provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMember is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6c4a3f4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function member(bytes32 poolId, address provider) view returns((uint256,uint256,uint64))
func (coalition *Coalition) TryPackMember(poolId [32]byte, provider common.Address) ([]byte, error) {
	return coalition.abi.Pack("member", poolId, provider)
}

// UnpackMember is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa6c4a3f4.
//
// Solidity: function member(bytes32 poolId, address provider) view returns((uint256,uint256,uint64))
func (coalition *Coalition) UnpackMember(data []byte) (CoalitionMember, error) {
	out, err := coalition.abi.Unpack("member", data)
	if err != nil {
		return *new(CoalitionMember), err
	}
	out0 := *abi.ConvertType(out[0], new(CoalitionMember)).(*CoalitionMember)
	return out0, nil
}

// PackPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b7a4480.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pool(bytes32 poolId) view returns((address,address,uint256,uint256,uint64,uint16,bool,bool))
func (coalition *Coalition) PackPool(poolId [32]byte) []byte {
	enc, err := coalition.abi.Pack("pool", poolId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b7a4480.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pool(bytes32 poolId) view returns((address,address,uint256,uint256,uint64,uint16,bool,bool))
func (coalition *Coalition) TryPackPool(poolId [32]byte) ([]byte, error) {
	return coalition.abi.Pack("pool", poolId)
}

// UnpackPool is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b7a4480.
//
// Solidity: function pool(bytes32 poolId) view returns((address,address,uint256,uint256,uint64,uint16,bool,bool))
func (coalition *Coalition) UnpackPool(data []byte) (CoalitionPool, error) {
	out, err := coalition.abi.Unpack("pool", data)
	if err != nil {
		return *new(CoalitionPool), err
	}
	out0 := *abi.ConvertType(out[0], new(CoalitionPool)).(*CoalitionPool)
	return out0, nil
}

// PackRequestWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffc3020f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestWithdrawal(bytes32 poolId, uint256 amount) returns()
func (coalition *Coalition) PackRequestWithdrawal(poolId [32]byte, amount *big.Int) []byte {
	enc, err := coalition.abi.Pack("requestWithdrawal", poolId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffc3020f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestWithdrawal(bytes32 poolId, uint256 amount) returns()
func (coalition *Coalition) TryPackRequestWithdrawal(poolId [32]byte, amount *big.Int) ([]byte, error) {
	return coalition.abi.Pack("requestWithdrawal", poolId, amount)
}

// PackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6849cf11.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(bytes32 poolId, address provider, uint256 amount, bytes32 evidence, address harmed) returns()
func (coalition *Coalition) PackSlash(poolId [32]byte, provider common.Address, amount *big.Int, evidence [32]byte, harmed common.Address) []byte {
	enc, err := coalition.abi.Pack("slash", poolId, provider, amount, evidence, harmed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6849cf11.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(bytes32 poolId, address provider, uint256 amount, bytes32 evidence, address harmed) returns()
func (coalition *Coalition) TryPackSlash(poolId [32]byte, provider common.Address, amount *big.Int, evidence [32]byte, harmed common.Address) ([]byte, error) {
	return coalition.abi.Pack("slash", poolId, provider, amount, evidence, harmed)
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8caa5230.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake(bytes32 poolId, uint256 amount) returns()
func (coalition *Coalition) PackStake(poolId [32]byte, amount *big.Int) []byte {
	enc, err := coalition.abi.Pack("stake", poolId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8caa5230.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake(bytes32 poolId, uint256 amount) returns()
func (coalition *Coalition) TryPackStake(poolId [32]byte, amount *big.Int) ([]byte, error) {
	return coalition.abi.Pack("stake", poolId, amount)
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (coalition *Coalition) PackToken() []byte {
	enc, err := coalition.abi.Pack("token")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function token() view returns(address)
func (coalition *Coalition) TryPackToken() ([]byte, error) {
	return coalition.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (coalition *Coalition) UnpackToken(data []byte) (common.Address, error) {
	out, err := coalition.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(bytes32 poolId) returns()
func (coalition *Coalition) PackWithdraw(poolId [32]byte) []byte {
	enc, err := coalition.abi.Pack("withdraw", poolId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(bytes32 poolId) returns()
func (coalition *Coalition) TryPackWithdraw(poolId [32]byte) ([]byte, error) {
	return coalition.abi.Pack("withdraw", poolId)
}

// CoalitionActivated represents a Activated event raised by the Coalition contract.
type CoalitionActivated struct {
	PoolId     [32]byte
	TotalStake *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const CoalitionActivatedEventName = "Activated"

// ContractEventName returns the user-defined event name.
func (CoalitionActivated) ContractEventName() string {
	return CoalitionActivatedEventName
}

// UnpackActivatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Activated(bytes32 indexed poolId, uint256 totalStake)
func (coalition *Coalition) UnpackActivatedEvent(log *types.Log) (*CoalitionActivated, error) {
	event := "Activated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionActivated)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CoalitionDeactivated represents a Deactivated event raised by the Coalition contract.
type CoalitionDeactivated struct {
	PoolId     [32]byte
	TotalStake *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const CoalitionDeactivatedEventName = "Deactivated"

// ContractEventName returns the user-defined event name.
func (CoalitionDeactivated) ContractEventName() string {
	return CoalitionDeactivatedEventName
}

// UnpackDeactivatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deactivated(bytes32 indexed poolId, uint256 totalStake)
func (coalition *Coalition) UnpackDeactivatedEvent(log *types.Log) (*CoalitionDeactivated, error) {
	event := "Deactivated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionDeactivated)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CoalitionPoolCreated represents a PoolCreated event raised by the Coalition contract.
type CoalitionPoolCreated struct {
	PoolId         [32]byte
	Arbiter        common.Address
	Treasury       common.Address
	Threshold      *big.Int
	WithdrawDelay  uint64
	HarmedShareBps uint16
	Raw            *types.Log // Blockchain specific contextual infos
}

const CoalitionPoolCreatedEventName = "PoolCreated"

// ContractEventName returns the user-defined event name.
func (CoalitionPoolCreated) ContractEventName() string {
	return CoalitionPoolCreatedEventName
}

// UnpackPoolCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PoolCreated(bytes32 indexed poolId, address indexed arbiter, address treasury, uint256 threshold, uint64 withdrawDelay, uint16 harmedShareBps)
func (coalition *Coalition) UnpackPoolCreatedEvent(log *types.Log) (*CoalitionPoolCreated, error) {
	event := "PoolCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionPoolCreated)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CoalitionSlashed represents a Slashed event raised by the Coalition contract.
type CoalitionSlashed struct {
	PoolId         [32]byte
	Provider       common.Address
	Evidence       [32]byte
	Amount         *big.Int
	Harmed         common.Address
	HarmedAmount   *big.Int
	TreasuryAmount *big.Int
	Raw            *types.Log // Blockchain specific contextual infos
}

const CoalitionSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (CoalitionSlashed) ContractEventName() string {
	return CoalitionSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(bytes32 indexed poolId, address indexed provider, bytes32 indexed evidence, uint256 amount, address harmed, uint256 harmedAmount, uint256 treasuryAmount)
func (coalition *Coalition) UnpackSlashedEvent(log *types.Log) (*CoalitionSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionSlashed)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CoalitionStaked represents a Staked event raised by the Coalition contract.
type CoalitionStaked struct {
	PoolId        [32]byte
	Provider      common.Address
	Amount        *big.Int
	ProviderStake *big.Int
	TotalStake    *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const CoalitionStakedEventName = "Staked"

// ContractEventName returns the user-defined event name.
func (CoalitionStaked) ContractEventName() string {
	return CoalitionStakedEventName
}

// UnpackStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Staked(bytes32 indexed poolId, address indexed provider, uint256 amount, uint256 providerStake, uint256 totalStake)
func (coalition *Coalition) UnpackStakedEvent(log *types.Log) (*CoalitionStaked, error) {
	event := "Staked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionStaked)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CoalitionWithdrawalRequested represents a WithdrawalRequested event raised by the Coalition contract.
type CoalitionWithdrawalRequested struct {
	PoolId   [32]byte
	Provider common.Address
	Amount   *big.Int
	UnlockAt uint64
	Raw      *types.Log // Blockchain specific contextual infos
}

const CoalitionWithdrawalRequestedEventName = "WithdrawalRequested"

// ContractEventName returns the user-defined event name.
func (CoalitionWithdrawalRequested) ContractEventName() string {
	return CoalitionWithdrawalRequestedEventName
}

// UnpackWithdrawalRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawalRequested(bytes32 indexed poolId, address indexed provider, uint256 amount, uint64 unlockAt)
func (coalition *Coalition) UnpackWithdrawalRequestedEvent(log *types.Log) (*CoalitionWithdrawalRequested, error) {
	event := "WithdrawalRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionWithdrawalRequested)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CoalitionWithdrawn represents a Withdrawn event raised by the Coalition contract.
type CoalitionWithdrawn struct {
	PoolId   [32]byte
	Provider common.Address
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const CoalitionWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (CoalitionWithdrawn) ContractEventName() string {
	return CoalitionWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(bytes32 indexed poolId, address indexed provider, uint256 amount)
func (coalition *Coalition) UnpackWithdrawnEvent(log *types.Log) (*CoalitionWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coalition.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoalitionWithdrawn)
	if len(log.Data) > 0 {
		if err := coalition.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coalition.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (coalition *Coalition) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], coalition.abi.Errors["EvidenceAlreadyUsed"].ID.Bytes()[:4]) {
		return coalition.UnpackEvidenceAlreadyUsedError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["InsufficientStake"].ID.Bytes()[:4]) {
		return coalition.UnpackInsufficientStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["InvalidPoolConfig"].ID.Bytes()[:4]) {
		return coalition.UnpackInvalidPoolConfigError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["NotArbiter"].ID.Bytes()[:4]) {
		return coalition.UnpackNotArbiterError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return coalition.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["PoolExists"].ID.Bytes()[:4]) {
		return coalition.UnpackPoolExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return coalition.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return coalition.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["UnknownPool"].ID.Bytes()[:4]) {
		return coalition.UnpackUnknownPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["WithdrawalLocked"].ID.Bytes()[:4]) {
		return coalition.UnpackWithdrawalLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], coalition.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return coalition.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// CoalitionEvidenceAlreadyUsed represents a EvidenceAlreadyUsed error raised by the Coalition contract.
type CoalitionEvidenceAlreadyUsed struct {
	PoolId   [32]byte
	Evidence [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EvidenceAlreadyUsed(bytes32 poolId, bytes32 evidence)
func CoalitionEvidenceAlreadyUsedErrorID() common.Hash {
	return common.HexToHash("0x6487d784970eb042351596d33f5c8132b9b2edd364387e351bb35919ed984f50")
}

// UnpackEvidenceAlreadyUsedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EvidenceAlreadyUsed(bytes32 poolId, bytes32 evidence)
func (coalition *Coalition) UnpackEvidenceAlreadyUsedError(raw []byte) (*CoalitionEvidenceAlreadyUsed, error) {
	out := new(CoalitionEvidenceAlreadyUsed)
	if err := coalition.abi.UnpackIntoInterface(out, "EvidenceAlreadyUsed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionInsufficientStake represents a InsufficientStake error raised by the Coalition contract.
type CoalitionInsufficientStake struct {
	Requested *big.Int
	Available *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientStake(uint256 requested, uint256 available)
func CoalitionInsufficientStakeErrorID() common.Hash {
	return common.HexToHash("0x45be0a261a88f9fedc41221879f08865d5e8d6053c877967e6e8e39e5697e6d5")
}

// UnpackInsufficientStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientStake(uint256 requested, uint256 available)
func (coalition *Coalition) UnpackInsufficientStakeError(raw []byte) (*CoalitionInsufficientStake, error) {
	out := new(CoalitionInsufficientStake)
	if err := coalition.abi.UnpackIntoInterface(out, "InsufficientStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionInvalidPoolConfig represents a InvalidPoolConfig error raised by the Coalition contract.
type CoalitionInvalidPoolConfig struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPoolConfig(string reason)
func CoalitionInvalidPoolConfigErrorID() common.Hash {
	return common.HexToHash("0x1e11a6abeb598bdbc1f5aa6239dfddc0750ac02aa55d042fb12f61b721640053")
}

// UnpackInvalidPoolConfigError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPoolConfig(string reason)
func (coalition *Coalition) UnpackInvalidPoolConfigError(raw []byte) (*CoalitionInvalidPoolConfig, error) {
	out := new(CoalitionInvalidPoolConfig)
	if err := coalition.abi.UnpackIntoInterface(out, "InvalidPoolConfig", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionNotArbiter represents a NotArbiter error raised by the Coalition contract.
type CoalitionNotArbiter struct {
	Caller  common.Address
	Arbiter common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotArbiter(address caller, address arbiter)
func CoalitionNotArbiterErrorID() common.Hash {
	return common.HexToHash("0xfff7d58e7193f3a6867a174c692402b2edb5cc37f48794136b0844f6938a453e")
}

// UnpackNotArbiterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotArbiter(address caller, address arbiter)
func (coalition *Coalition) UnpackNotArbiterError(raw []byte) (*CoalitionNotArbiter, error) {
	out := new(CoalitionNotArbiter)
	if err := coalition.abi.UnpackIntoInterface(out, "NotArbiter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionNothingToWithdraw represents a NothingToWithdraw error raised by the Coalition contract.
type CoalitionNothingToWithdraw struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw()
func CoalitionNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xd0d04f60bf4f7629141a1f00f5d2908fa0f3e15bf4cbf8bb8edc6fcbdf2509fa")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw()
func (coalition *Coalition) UnpackNothingToWithdrawError(raw []byte) (*CoalitionNothingToWithdraw, error) {
	out := new(CoalitionNothingToWithdraw)
	if err := coalition.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionPoolExists represents a PoolExists error raised by the Coalition contract.
type CoalitionPoolExists struct {
	PoolId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PoolExists(bytes32 poolId)
func CoalitionPoolExistsErrorID() common.Hash {
	return common.HexToHash("0xcc36f9359557fc19083c902b85189953ac4ba069f37af83c98a5d6a5bbd099ee")
}

// UnpackPoolExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PoolExists(bytes32 poolId)
func (coalition *Coalition) UnpackPoolExistsError(raw []byte) (*CoalitionPoolExists, error) {
	out := new(CoalitionPoolExists)
	if err := coalition.abi.UnpackIntoInterface(out, "PoolExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the Coalition contract.
type CoalitionReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func CoalitionReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (coalition *Coalition) UnpackReentrancyGuardReentrantCallError(raw []byte) (*CoalitionReentrancyGuardReentrantCall, error) {
	out := new(CoalitionReentrancyGuardReentrantCall)
	if err := coalition.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the Coalition contract.
type CoalitionSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func CoalitionSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (coalition *Coalition) UnpackSafeERC20FailedOperationError(raw []byte) (*CoalitionSafeERC20FailedOperation, error) {
	out := new(CoalitionSafeERC20FailedOperation)
	if err := coalition.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionUnknownPool represents a UnknownPool error raised by the Coalition contract.
type CoalitionUnknownPool struct {
	PoolId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownPool(bytes32 poolId)
func CoalitionUnknownPoolErrorID() common.Hash {
	return common.HexToHash("0x180b85553ffcdfcf3cee08ca47a15689f26f961e3898fd0705d648e90327021c")
}

// UnpackUnknownPoolError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownPool(bytes32 poolId)
func (coalition *Coalition) UnpackUnknownPoolError(raw []byte) (*CoalitionUnknownPool, error) {
	out := new(CoalitionUnknownPool)
	if err := coalition.abi.UnpackIntoInterface(out, "UnknownPool", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionWithdrawalLocked represents a WithdrawalLocked error raised by the Coalition contract.
type CoalitionWithdrawalLocked struct {
	UnlockAt  uint64
	BlockTime *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawalLocked(uint64 unlockAt, uint256 blockTime)
func CoalitionWithdrawalLockedErrorID() common.Hash {
	return common.HexToHash("0xf27124064bdf9e3abcf91e9a53e699e8c0d19250839c36172dfba2a9933b743b")
}

// UnpackWithdrawalLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawalLocked(uint64 unlockAt, uint256 blockTime)
func (coalition *Coalition) UnpackWithdrawalLockedError(raw []byte) (*CoalitionWithdrawalLocked, error) {
	out := new(CoalitionWithdrawalLocked)
	if err := coalition.abi.UnpackIntoInterface(out, "WithdrawalLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoalitionZeroAmount represents a ZeroAmount error raised by the Coalition contract.
type CoalitionZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func CoalitionZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (coalition *Coalition) UnpackZeroAmountError(raw []byte) (*CoalitionZeroAmount, error) {
	out := new(CoalitionZeroAmount)
	if err := coalition.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
