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

// PaymentStreamsMetaData contains all meta data concerning the PaymentStreams contract.
var PaymentStreamsMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"liquidationPeriod_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"FlowExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"FlowNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"FlowToSelf\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"int96\",\"name\":\"allowance\",\"type\":\"int96\"},{\"internalType\":\"int96\",\"name\":\"requested\",\"type\":\"int96\"}],\"name\":\"FlowrateAllowanceExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"int256\",\"name\":\"available\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"required\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"}],\"name\":\"InvalidFlowrate\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"permissions\",\"type\":\"uint8\"}],\"name\":\"InvalidPermissions\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"permission\",\"type\":\"uint8\"}],\"name\":\"NotAuthorized\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintToInt\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"expected\",\"type\":\"address\"}],\"name\":\"UnsupportedToken\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"liquidator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"int256\",\"name\":\"senderBalance\",\"type\":\"int256\"}],\"name\":\"FlowLiquidated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"flowOperator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"permissions\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"int96\",\"name\":\"flowRateAllowance\",\"type\":\"int96\"}],\"name\":\"FlowOperatorUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"int96\",\"name\":\"flowRate\",\"type\":\"int96\"},{\"indexed\":false,\"internalType\":\"int256\",\"name\":\"totalSenderFlowRate\",\"type\":\"int256\"},{\"indexed\":false,\"internalType\":\"int256\",\"name\":\"totalReceiverFlowRate\",\"type\":\"int256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"userData\",\"type\":\"bytes\"}],\"name\":\"FlowUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"flowOperator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deposit\",\"type\":\"uint256\"}],\"name\":\"FlowUpdatedExtension\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"AUTHORIZE_FLOW_OPERATOR_CREATE\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"AUTHORIZE_FLOW_OPERATOR_DELETE\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"AUTHORIZE_FLOW_OPERATOR_UPDATE\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"AUTHORIZE_FULL_CONTROL\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"},{\"internalType\":\"bytes\",\"name\":\"userData\",\"type\":\"bytes\"}],\"name\":\"createFlow\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"userData\",\"type\":\"bytes\"}],\"name\":\"deleteFlow\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getAccountFlowInfo\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"lastUpdated\",\"type\":\"uint256\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"},{\"internalType\":\"uint256\",\"name\":\"deposit_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"owedDeposit\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getAccountFlowrate\",\"outputs\":[{\"internalType\":\"int96\",\"name\":\"\",\"type\":\"int96\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"}],\"name\":\"getBufferAmountByFlowrate\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"getFlowInfo\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"lastUpdated\",\"type\":\"uint256\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"},{\"internalType\":\"uint256\",\"name\":\"deposit_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"owedDeposit\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"flowOperator\",\"type\":\"address\"}],\"name\":\"getFlowOperatorPermissions\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"permissions\",\"type\":\"uint8\"},{\"internalType\":\"int96\",\"name\":\"flowrateAllowance\",\"type\":\"int96\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"getFlowrate\",\"outputs\":[{\"internalType\":\"int96\",\"name\":\"\",\"type\":\"int96\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"flowOperator\",\"type\":\"address\"}],\"name\":\"grantPermissions\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"isAccountCritical\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isAccountCriticalNow\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"liquidationPeriod\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"realtimeBalanceOf\",\"outputs\":[{\"internalType\":\"int256\",\"name\":\"availableBalance\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"deposit_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"owedDeposit\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"realtimeBalanceOfNow\",\"outputs\":[{\"internalType\":\"int256\",\"name\":\"availableBalance\",\"type\":\"int256\"},{\"internalType\":\"uint256\",\"name\":\"deposit_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"owedDeposit\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"flowOperator\",\"type\":\"address\"}],\"name\":\"revokePermissions\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"}],\"name\":\"setFlowrate\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"}],\"name\":\"setFlowrateFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"totalBalanceOf\",\"outputs\":[{\"internalType\":\"int256\",\"name\":\"\",\"type\":\"int256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"},{\"internalType\":\"int96\",\"name\":\"flowrate\",\"type\":\"int96\"},{\"internalType\":\"bytes\",\"name\":\"userData\",\"type\":\"bytes\"}],\"name\":\"updateFlow\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"flowOperator\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"permissions\",\"type\":\"uint8\"},{\"internalType\":\"int96\",\"name\":\"flowrateAllowance\",\"type\":\"int96\"}],\"name\":\"updateFlowOperatorPermissions\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "PaymentStreams",
	Bin: "0x60c060405234801561000f575f5ffd5b50604051611dbd380380611dbd83398101604081905261002e91610068565b60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00556001600160a01b0390911660805260a05261009f565b5f5f60408385031215610079575f5ffd5b82516001600160a01b038116811461008f575f5ffd5b6020939093015192949293505050565b60805160a051611ccc6100f15f395f81816103b50152610baa01525f8181610471015281816107d40152818161095b01528181610b2101528181610b7701528181610d0801526111350152611ccc5ff3fe608060405234801561000f575f5ffd5b50600436106101bb575f3560e01c806359ceed3f116100f3578063b6b55f2511610093578063e15536b61161006e578063e15536b614610423578063eb3537cc14610436578063eb3cf17514610464578063fc0c546a1461046c575f5ffd5b8063b6b55f25146103ea578063c5ad5c1a146103fd578063d9d078d614610410575f5ffd5b806379359f6f116100ce57806379359f6f146103955780639e6443af146103a8578063a6eea7f3146103b0578063b4b333c6146103d7575f5ffd5b806359ceed3f1461036757806370a082311461036f5780637243fb9314610382575f5ffd5b80632e1a7d4d1161015e5780633d383b13116101395780633d383b13146102f85780634b0ee02a146103125780634d3f60f91461032557806357e6aa3614610354575f5ffd5b80632e1a7d4d1461029d5780632ec8eec7146102b257806330885591146102e5575f5ffd5b80630f1ac495116101995780630f1ac4951461021b5780631d8b65261461025157806322c904d9146102775780632860fd931461028a575f5ffd5b806309f0b495146101bf5780630bd0728d146101e55780630c03399114610208575b5f5ffd5b6101d26101cd366004611796565b6104ab565b6040519081526020015b60405180910390f35b6101f86101f33660046117c7565b6104f5565b60405190151581526020016101dc565b6101f861021636600461188e565b610502565b61022e6102293660046117c7565b6105d4565b60408051948552600b9390930b60208501529183015260608201526080016101dc565b61026461025f366004611909565b610623565b604051600b9190910b81526020016101dc565b6102646102853660046117c7565b61065c565b61022e610298366004611909565b610690565b6102b06102ab366004611949565b6106ea565b005b6102c56102c0366004611960565b610816565b6040805194855260208501939093529183015260608201526080016101dc565b6101f86102f3366004611979565b610834565b610300600281565b60405160ff90911681526020016101dc565b6101d2610320366004611960565b61084c565b610338610333366004611909565b61086d565b6040805160ff9093168352600b9190910b6020830152016101dc565b6101f86103623660046119d1565b6108b3565b610300600481565b6101d261037d366004611960565b6108c0565b6101f86103903660046117c7565b6108e6565b6101f86103a3366004611960565b6108fb565b610300600181565b6101d27f000000000000000000000000000000000000000000000000000000000000000081565b6101f86103e5366004611a08565b610906565b6102b06103f8366004611949565b610926565b6101f861040b366004611a73565b6109fa565b6101f861041e366004611aab565b610a07565b6101f861043136600461188e565b610a1f565b610449610444366004611aab565b610acd565b604080519384526020840192909252908201526060016101dc565b610300600781565b6104937f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016101dc565b5f6104b583610b1f565b5f82600b0b12156104e35760405162e11a7b60e51b8152600b83900b60048201526024015b60405180910390fd5b6104ec82610ba4565b90505b92915050565b5f6104ec83835f5f610bd8565b5f61050c86610b1f565b5f60015f61051a8888610d61565b815260208101919091526040015f90812054600160401b9004600b0b915081900361056b5760405163d7df55dd60e01b81526001600160a01b038088166004830152861660248201526044016104da565b5f84600b0b136105935760405162e11a7b60e51b8152600b85900b60048201526024016104da565b6105bb86600283600b0b87600b0b136105ac575f610d99565b6105b68488611ae7565b610d99565b6105c786868686610ec4565b5060019695505050505050565b5f5f5f5f6105e186610b1f565b505050506001600160a01b03165f908152602081905260408120600181015460029091015467ffffffffffffffff821694600160401b909204600b0b93509190565b5f61062d84610b1f565b60015f61063a8585610d61565b815260208101919091526040015f2054600160401b9004600b0b949350505050565b5f61066683610b1f565b506001600160a01b03165f90815260208190526040902060010154600160401b9004600b0b919050565b5f5f5f5f61069d87610b1f565b5f60015f6106ab8989610d61565b815260208101919091526040015f908120805460019091015467ffffffffffffffff82169b600160401b909204600b0b9a509850909650945050505050565b6106f26111fc565b805f0361071257604051631f2a200560e01b815260040160405180910390fd5b5f61071c33611217565b90505f61072c826002015461125e565b82546107389190611b19565b90506107438361125e565b8112156107735760405163a69f301360e01b815233600482015260248101829052604481018490526064016104da565b61077c8361125e565b825f015f82825461078d9190611b19565b909155505060405183815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a26107fb6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016338561128e565b505061081360015f516020611c775f395f51905f5255565b50565b5f5f5f5f6108248542610acd565b9197909650909450429350915050565b5f61084185858585610bd8565b90505b949350505050565b6001600160a01b0381165f9081526020819052604081206104ef90426112c8565b5f5f61087885610b1f565b50506001600160a01b039182165f90815260026020908152604080832093909416825291909152205460ff811692610100909104600b0b9150565b5f61084484338585611325565b5f5f6108cc8342610acd565b505090505f81126108dd57806108df565b5f5b9392505050565b5f6104ec8383600760016001605f1b03610bd8565b5f6104ef8242610a07565b5f61091085610b1f565b61091b848484611421565b506001949350505050565b61092e6111fc565b805f0361094e57604051631f2a200560e01b815260040160405180910390fd5b6109836001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633308461162e565b61098c8161125e565b335f90815260208190526040812080549091906109aa908490611b3f565b909155505060405181815233907f2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c49060200160405180910390a261081360015f516020611c775f395f51905f5255565b5f61084185858585611325565b5f5f610a138484610acd565b50505f13949350505050565b5f610a2986610b1f565b60015f610a368787610d61565b815260208101919091526040015f2054600160401b9004600b0b15610a8157604051630e1920b960e21b81526001600160a01b038087166004830152851660248201526044016104da565b5f83600b0b13610aa95760405162e11a7b60e51b8152600b84900b60048201526024016104da565b610ab585600185610d99565b610ac185858585610ec4565b50600195945050505050565b6001600160a01b0382165f908152602081905260408120600281015482918291610af69061125e565b610b0082876112c8565b610b0a9190611b19565b60029091015490935091505f90509250925092565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316816001600160a01b03161461081357604051633b13714b60e11b81526001600160a01b0380831660048301527f00000000000000000000000000000000000000000000000000000000000000001660248201526044016104da565b5f6104ef7f00000000000000000000000000000000000000000000000000000000000000006001600160601b038416611b66565b5f610be285610b1f565b6001600160a01b038416610c095760405163d92e233d60e01b815260040160405180910390fd5b336001600160a01b03851603610c3457604051630799a4ef60e01b81523360048201526024016104da565b600760ff84161115610c5e57604051633e64d7ef60e21b815260ff841660048201526024016104da565b5f82600b0b1215610c875760405162e11a7b60e51b8152600b83900b60048201526024016104da565b60408051808201825260ff858116808352600b86900b6020808501828152335f818152600284528881206001600160a01b038e8116808452918652918a90209851895494516001600160601b0316610100026cffffffffffffffffffffffffff199095169816979097179290921790965586519384529083019190915291937f0000000000000000000000000000000000000000000000000000000000000000909216917fc0d5d3a6ac18cc1769788c925e6e7fc89cd47e4270a42884736fa9b3ec09f3a8910160405180910390a4506001949350505050565b604080516001600160a01b03938416602080830191909152929093168382015280518084038201815260609093019052815191012090565b6001600160a01b0383163303610dae57505050565b6001600160a01b0383165f90815260026020908152604080832033845290915281208054909190841660ff169003610e135760405163036572cb60e51b81523360048201526001600160a01b038516602482015260ff841660448201526064016104da565b80546101009004600b0b6b7ffffffffffffffffffffffe1901610e365750505050565b80546101009004600b90810b9083900b1315610e7b57805460405163111ba23f60e11b8152610100909104600b90810b600483015283900b60248201526044016104da565b805482908290600190610e979084906101009004600b0b611ae7565b92506101000a8154816001600160601b030219169083600b0b6001600160601b0316021790555050505050565b6001600160a01b0384161580610ee157506001600160a01b038316155b15610eff5760405163d92e233d60e01b815260040160405180910390fd5b826001600160a01b0316846001600160a01b031603610f3c57604051630799a4ef60e01b81526001600160a01b03851660048201526024016104da565b5f610f4685611217565b90505f610f5285611217565b90505f60015f610f628989610d61565b815260208101919091526040015f9081208054909250600160401b9004600b90810b919087900b15610f9c57610f9787610ba4565b610f9e565b5f5b60018601549091508790610fbd908490600160401b9004600b0b611b7d565b610fc79190611ae7565b600186810180546bffffffffffffffffffffffff60401b1916600160401b6001600160601b03949094168402179055850154839161100b918a919004600b0b611b7d565b6110159190611ae7565b600180860180546001600160601b0393909316600160401b026bffffffffffffffffffffffff60401b19909316929092179091558301546002860154829161105c91611baf565b6110669190611bc2565b60028601558254600184018290556001600160a01b031916600160401b6001600160601b0389160267ffffffffffffffff1916174267ffffffffffffffff161783555f600b88900b131561111f575f6110c2866002015461125e565b86546110ce9190611b19565b90505f81121561111d57896110e28361125e565b6110ec9083611b3f565b60405163a69f301360e01b81526001600160a01b0390921660048301526024820152604481018390526064016104da565b505b876001600160a01b0316896001600160a01b03167f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03167f57269d2ebcccecdcc0d9d2c0a0b80ead95f344e28ec20f50f709811f209d4e0e8a8960010160089054906101000a9004600b0b8960010160089054906101000a9004600b0b8c6040516111b49493929190611bd5565b60405180910390a460405181815233907f71e0c98e270fc3084227b473f176924d5303ece8c639e679998a2d7dc8e70f749060200160405180910390a2505050505050505050565b61120461166a565b60025f516020611c775f395f51905f5255565b6001600160a01b0381165f90815260208190526040902061123881426112c8565b815560018101805467ffffffffffffffff19164267ffffffffffffffff16179055919050565b5f6001600160ff1b0382111561128a5760405163123baf0360e11b8152600481018390526024016104da565b5090565b61129b838383600161169b565b6112c357604051635274afe760e01b81526001600160a01b03841660048201526024016104da565b505050565b60018201545f9067ffffffffffffffff1682116112e7575081546104ef565b60018301546113009067ffffffffffffffff1683611baf565b60018401546113199190600160401b9004600b0b611c28565b83546104ec9190611b3f565b5f61132f85610b1f565b5f82600b0b12156113585760405162e11a7b60e51b8152600b83900b60048201526024016104da565b5f60015f6113668787610d61565b81526020019081526020015f205f0160089054906101000a9004600b0b905082600b0b5f036113bc5780600b0b5f146113b2576113b2858560405180602001604052805f815250611421565b6001915050610844565b80600b0b5f036113d7576113d285600185610d99565b611407565b80600b0b83600b0b146113b2576113d285600283600b0b86600b0b136113fd575f610d99565b6105b68487611ae7565b610ac185858560405180602001604052805f815250610ec4565b5f60015f61142f8686610d61565b815260208101919091526040015f9081208054909250600160401b9004600b0b90036114815760405163d7df55dd60e01b81526001600160a01b038086166004830152841660248201526044016104da565b5f336001600160a01b03861614806114a15750336001600160a01b038516145b806114d057506001600160a01b0385165f90815260026020908152604080832033845290915290205460041615155b905080156114eb576114e485855f86610ec4565b5050505050565b6114f58542610a07565b61152c5760405163036572cb60e51b8152336004828101919091526001600160a01b038716602483015260448201526064016104da565b5f61153686611217565b60018401546002820154825492935090915f8082131580611555575082155b61157357826115648584611b66565b61156e9190611c57565b611575565b5f5b90506115838a8a5f8b610ec4565b61158c8161125e565b855f015f82825461159d9190611b19565b909155506115ac90508161125e565b335f90815260208190526040812080549091906115ca908490611b3f565b9091555050845460405133916001600160a01b038c811692908e16917f71c0894cda58efa612791828eb4a1ec53132a69473f646aae1353f1bb2fe44fd9161161a91878252602082015260400190565b60405180910390a450505050505050505050565b61163c8484848460016116fd565b61166457604051635274afe760e01b81526001600160a01b03851660048201526024016104da565b50505050565b5f516020611c775f395f51905f525460020361169957604051633ee5aeb560e01b815260040160405180910390fd5b565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f511483166116f15783831516156116e5573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f5114831661175957838315161561174d573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b80356001600160a01b0381168114611780575f5ffd5b919050565b8035600b81900b8114611780575f5ffd5b5f5f604083850312156117a7575f5ffd5b6117b08361176a565b91506117be60208401611785565b90509250929050565b5f5f604083850312156117d8575f5ffd5b6117e18361176a565b91506117be6020840161176a565b634e487b7160e01b5f52604160045260245ffd5b5f82601f830112611812575f5ffd5b813567ffffffffffffffff81111561182c5761182c6117ef565b604051601f8201601f19908116603f0116810167ffffffffffffffff8111828210171561185b5761185b6117ef565b604052818152838201602001851015611872575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f5f60a086880312156118a2575f5ffd5b6118ab8661176a565b94506118b96020870161176a565b93506118c76040870161176a565b92506118d560608701611785565b9150608086013567ffffffffffffffff8111156118f0575f5ffd5b6118fc88828901611803565b9150509295509295909350565b5f5f5f6060848603121561191b575f5ffd5b6119248461176a565b92506119326020850161176a565b91506119406040850161176a565b90509250925092565b5f60208284031215611959575f5ffd5b5035919050565b5f60208284031215611970575f5ffd5b6104ec8261176a565b5f5f5f5f6080858703121561198c575f5ffd5b6119958561176a565b93506119a36020860161176a565b9250604085013560ff811681146119b8575f5ffd5b91506119c660608601611785565b905092959194509250565b5f5f5f606084860312156119e3575f5ffd5b6119ec8461176a565b92506119fa6020850161176a565b915061194060408501611785565b5f5f5f5f60808587031215611a1b575f5ffd5b611a248561176a565b9350611a326020860161176a565b9250611a406040860161176a565b9150606085013567ffffffffffffffff811115611a5b575f5ffd5b611a6787828801611803565b91505092959194509250565b5f5f5f5f60808587031215611a86575f5ffd5b611a8f8561176a565b9350611a9d6020860161176a565b92506119b86040860161176a565b5f5f60408385031215611abc575f5ffd5b611ac58361176a565b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b600b82810b9082900b036b7fffffffffffffffffffffff19811260016001605f1b03821317156104ef576104ef611ad3565b8181035f831280158383131683831282161715611b3857611b38611ad3565b5092915050565b8082018281125f831280158216821582161715611b5e57611b5e611ad3565b505092915050565b80820281158282048414176104ef576104ef611ad3565b600b81810b9083900b0160016001605f1b0381136b7fffffffffffffffffffffff19821217156104ef576104ef611ad3565b818103818111156104ef576104ef611ad3565b808201808211156104ef576104ef611ad3565b84600b0b815283600b0b602082015282600b0b6040820152608060608201525f8251806080840152806020850160a085015e5f60a0828501015260a0601f19601f83011684010191505095945050505050565b8082025f8212600160ff1b84141615611c4357611c43611ad3565b81810583148215176104ef576104ef611ad3565b5f82611c7157634e487b7160e01b5f52601260045260245ffd5b50049056fe9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00a26469706673582212202095d92cc1f3aff0b118749549c2be512c40de7dd3c7092b090a2729bcc1f73c64736f6c63430008250033",
}

// PaymentStreams is an auto generated Go binding around an Ethereum contract.
type PaymentStreams struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PaymentStreams) GetABI() abi.ABI {
	return c.abi
}

// NewPaymentStreams creates a new instance of PaymentStreams.
func NewPaymentStreams() *PaymentStreams {
	parsed, err := PaymentStreamsMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PaymentStreams{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PaymentStreams) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address token_, uint256 liquidationPeriod_) returns()
func (paymentStreams *PaymentStreams) PackConstructor(token_ common.Address, liquidationPeriod_ *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("", token_, liquidationPeriod_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAUTHORIZEFLOWOPERATORCREATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e6443af.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_CREATE() view returns(uint8)
func (paymentStreams *PaymentStreams) PackAUTHORIZEFLOWOPERATORCREATE() []byte {
	enc, err := paymentStreams.abi.Pack("AUTHORIZE_FLOW_OPERATOR_CREATE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHORIZEFLOWOPERATORCREATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e6443af.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_CREATE() view returns(uint8)
func (paymentStreams *PaymentStreams) TryPackAUTHORIZEFLOWOPERATORCREATE() ([]byte, error) {
	return paymentStreams.abi.Pack("AUTHORIZE_FLOW_OPERATOR_CREATE")
}

// UnpackAUTHORIZEFLOWOPERATORCREATE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9e6443af.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_CREATE() view returns(uint8)
func (paymentStreams *PaymentStreams) UnpackAUTHORIZEFLOWOPERATORCREATE(data []byte) (uint8, error) {
	out, err := paymentStreams.abi.Unpack("AUTHORIZE_FLOW_OPERATOR_CREATE", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackAUTHORIZEFLOWOPERATORDELETE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59ceed3f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_DELETE() view returns(uint8)
func (paymentStreams *PaymentStreams) PackAUTHORIZEFLOWOPERATORDELETE() []byte {
	enc, err := paymentStreams.abi.Pack("AUTHORIZE_FLOW_OPERATOR_DELETE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHORIZEFLOWOPERATORDELETE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59ceed3f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_DELETE() view returns(uint8)
func (paymentStreams *PaymentStreams) TryPackAUTHORIZEFLOWOPERATORDELETE() ([]byte, error) {
	return paymentStreams.abi.Pack("AUTHORIZE_FLOW_OPERATOR_DELETE")
}

// UnpackAUTHORIZEFLOWOPERATORDELETE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x59ceed3f.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_DELETE() view returns(uint8)
func (paymentStreams *PaymentStreams) UnpackAUTHORIZEFLOWOPERATORDELETE(data []byte) (uint8, error) {
	out, err := paymentStreams.abi.Unpack("AUTHORIZE_FLOW_OPERATOR_DELETE", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackAUTHORIZEFLOWOPERATORUPDATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d383b13.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_UPDATE() view returns(uint8)
func (paymentStreams *PaymentStreams) PackAUTHORIZEFLOWOPERATORUPDATE() []byte {
	enc, err := paymentStreams.abi.Pack("AUTHORIZE_FLOW_OPERATOR_UPDATE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHORIZEFLOWOPERATORUPDATE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d383b13.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_UPDATE() view returns(uint8)
func (paymentStreams *PaymentStreams) TryPackAUTHORIZEFLOWOPERATORUPDATE() ([]byte, error) {
	return paymentStreams.abi.Pack("AUTHORIZE_FLOW_OPERATOR_UPDATE")
}

// UnpackAUTHORIZEFLOWOPERATORUPDATE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d383b13.
//
// Solidity: function AUTHORIZE_FLOW_OPERATOR_UPDATE() view returns(uint8)
func (paymentStreams *PaymentStreams) UnpackAUTHORIZEFLOWOPERATORUPDATE(data []byte) (uint8, error) {
	out, err := paymentStreams.abi.Unpack("AUTHORIZE_FLOW_OPERATOR_UPDATE", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackAUTHORIZEFULLCONTROL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb3cf175.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTHORIZE_FULL_CONTROL() view returns(uint8)
func (paymentStreams *PaymentStreams) PackAUTHORIZEFULLCONTROL() []byte {
	enc, err := paymentStreams.abi.Pack("AUTHORIZE_FULL_CONTROL")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHORIZEFULLCONTROL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb3cf175.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTHORIZE_FULL_CONTROL() view returns(uint8)
func (paymentStreams *PaymentStreams) TryPackAUTHORIZEFULLCONTROL() ([]byte, error) {
	return paymentStreams.abi.Pack("AUTHORIZE_FULL_CONTROL")
}

// UnpackAUTHORIZEFULLCONTROL is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xeb3cf175.
//
// Solidity: function AUTHORIZE_FULL_CONTROL() view returns(uint8)
func (paymentStreams *PaymentStreams) UnpackAUTHORIZEFULLCONTROL(data []byte) (uint8, error) {
	out, err := paymentStreams.abi.Unpack("AUTHORIZE_FULL_CONTROL", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (paymentStreams *PaymentStreams) PackBalanceOf(account common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (paymentStreams *PaymentStreams) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (paymentStreams *PaymentStreams) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := paymentStreams.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCreateFlow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe15536b6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createFlow(address token_, address sender, address receiver, int96 flowrate, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) PackCreateFlow(token common.Address, sender common.Address, receiver common.Address, flowrate *big.Int, userData []byte) []byte {
	enc, err := paymentStreams.abi.Pack("createFlow", token, sender, receiver, flowrate, userData)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreateFlow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe15536b6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createFlow(address token_, address sender, address receiver, int96 flowrate, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) TryPackCreateFlow(token common.Address, sender common.Address, receiver common.Address, flowrate *big.Int, userData []byte) ([]byte, error) {
	return paymentStreams.abi.Pack("createFlow", token, sender, receiver, flowrate, userData)
}

// UnpackCreateFlow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe15536b6.
//
// Solidity: function createFlow(address token_, address sender, address receiver, int96 flowrate, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) UnpackCreateFlow(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("createFlow", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackDeleteFlow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4b333c6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deleteFlow(address token_, address sender, address receiver, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) PackDeleteFlow(token common.Address, sender common.Address, receiver common.Address, userData []byte) []byte {
	enc, err := paymentStreams.abi.Pack("deleteFlow", token, sender, receiver, userData)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeleteFlow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4b333c6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deleteFlow(address token_, address sender, address receiver, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) TryPackDeleteFlow(token common.Address, sender common.Address, receiver common.Address, userData []byte) ([]byte, error) {
	return paymentStreams.abi.Pack("deleteFlow", token, sender, receiver, userData)
}

// UnpackDeleteFlow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb4b333c6.
//
// Solidity: function deleteFlow(address token_, address sender, address receiver, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) UnpackDeleteFlow(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("deleteFlow", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6b55f25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit(uint256 amount) returns()
func (paymentStreams *PaymentStreams) PackDeposit(amount *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("deposit", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6b55f25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit(uint256 amount) returns()
func (paymentStreams *PaymentStreams) TryPackDeposit(amount *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("deposit", amount)
}

// PackGetAccountFlowInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0f1ac495.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getAccountFlowInfo(address token_, address account) view returns(uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) PackGetAccountFlowInfo(token common.Address, account common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("getAccountFlowInfo", token, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetAccountFlowInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0f1ac495.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getAccountFlowInfo(address token_, address account) view returns(uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) TryPackGetAccountFlowInfo(token common.Address, account common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("getAccountFlowInfo", token, account)
}

// GetAccountFlowInfoOutput serves as a container for the return parameters of contract
// method GetAccountFlowInfo.
type GetAccountFlowInfoOutput struct {
	LastUpdated *big.Int
	Flowrate    *big.Int
	Deposit     *big.Int
	OwedDeposit *big.Int
}

// UnpackGetAccountFlowInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0f1ac495.
//
// Solidity: function getAccountFlowInfo(address token_, address account) view returns(uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) UnpackGetAccountFlowInfo(data []byte) (GetAccountFlowInfoOutput, error) {
	out, err := paymentStreams.abi.Unpack("getAccountFlowInfo", data)
	outstruct := new(GetAccountFlowInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.LastUpdated = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Flowrate = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Deposit = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.OwedDeposit = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackGetAccountFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x22c904d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getAccountFlowrate(address token_, address account) view returns(int96)
func (paymentStreams *PaymentStreams) PackGetAccountFlowrate(token common.Address, account common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("getAccountFlowrate", token, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetAccountFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x22c904d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getAccountFlowrate(address token_, address account) view returns(int96)
func (paymentStreams *PaymentStreams) TryPackGetAccountFlowrate(token common.Address, account common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("getAccountFlowrate", token, account)
}

// UnpackGetAccountFlowrate is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x22c904d9.
//
// Solidity: function getAccountFlowrate(address token_, address account) view returns(int96)
func (paymentStreams *PaymentStreams) UnpackGetAccountFlowrate(data []byte) (*big.Int, error) {
	out, err := paymentStreams.abi.Unpack("getAccountFlowrate", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetBufferAmountByFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x09f0b495.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getBufferAmountByFlowrate(address token_, int96 flowrate) view returns(uint256)
func (paymentStreams *PaymentStreams) PackGetBufferAmountByFlowrate(token common.Address, flowrate *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("getBufferAmountByFlowrate", token, flowrate)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetBufferAmountByFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x09f0b495.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getBufferAmountByFlowrate(address token_, int96 flowrate) view returns(uint256)
func (paymentStreams *PaymentStreams) TryPackGetBufferAmountByFlowrate(token common.Address, flowrate *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("getBufferAmountByFlowrate", token, flowrate)
}

// UnpackGetBufferAmountByFlowrate is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x09f0b495.
//
// Solidity: function getBufferAmountByFlowrate(address token_, int96 flowrate) view returns(uint256)
func (paymentStreams *PaymentStreams) UnpackGetBufferAmountByFlowrate(data []byte) (*big.Int, error) {
	out, err := paymentStreams.abi.Unpack("getBufferAmountByFlowrate", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetFlowInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2860fd93.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getFlowInfo(address token_, address sender, address receiver) view returns(uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) PackGetFlowInfo(token common.Address, sender common.Address, receiver common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("getFlowInfo", token, sender, receiver)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetFlowInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2860fd93.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getFlowInfo(address token_, address sender, address receiver) view returns(uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) TryPackGetFlowInfo(token common.Address, sender common.Address, receiver common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("getFlowInfo", token, sender, receiver)
}

// GetFlowInfoOutput serves as a container for the return parameters of contract
// method GetFlowInfo.
type GetFlowInfoOutput struct {
	LastUpdated *big.Int
	Flowrate    *big.Int
	Deposit     *big.Int
	OwedDeposit *big.Int
}

// UnpackGetFlowInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2860fd93.
//
// Solidity: function getFlowInfo(address token_, address sender, address receiver) view returns(uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) UnpackGetFlowInfo(data []byte) (GetFlowInfoOutput, error) {
	out, err := paymentStreams.abi.Unpack("getFlowInfo", data)
	outstruct := new(GetFlowInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.LastUpdated = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Flowrate = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Deposit = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.OwedDeposit = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackGetFlowOperatorPermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4d3f60f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getFlowOperatorPermissions(address token_, address sender, address flowOperator) view returns(uint8 permissions, int96 flowrateAllowance)
func (paymentStreams *PaymentStreams) PackGetFlowOperatorPermissions(token common.Address, sender common.Address, flowOperator common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("getFlowOperatorPermissions", token, sender, flowOperator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetFlowOperatorPermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4d3f60f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getFlowOperatorPermissions(address token_, address sender, address flowOperator) view returns(uint8 permissions, int96 flowrateAllowance)
func (paymentStreams *PaymentStreams) TryPackGetFlowOperatorPermissions(token common.Address, sender common.Address, flowOperator common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("getFlowOperatorPermissions", token, sender, flowOperator)
}

// GetFlowOperatorPermissionsOutput serves as a container for the return parameters of contract
// method GetFlowOperatorPermissions.
type GetFlowOperatorPermissionsOutput struct {
	Permissions       uint8
	FlowrateAllowance *big.Int
}

// UnpackGetFlowOperatorPermissions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4d3f60f9.
//
// Solidity: function getFlowOperatorPermissions(address token_, address sender, address flowOperator) view returns(uint8 permissions, int96 flowrateAllowance)
func (paymentStreams *PaymentStreams) UnpackGetFlowOperatorPermissions(data []byte) (GetFlowOperatorPermissionsOutput, error) {
	out, err := paymentStreams.abi.Unpack("getFlowOperatorPermissions", data)
	outstruct := new(GetFlowOperatorPermissionsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Permissions = *abi.ConvertType(out[0], new(uint8)).(*uint8)
	outstruct.FlowrateAllowance = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackGetFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d8b6526.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getFlowrate(address token_, address sender, address receiver) view returns(int96)
func (paymentStreams *PaymentStreams) PackGetFlowrate(token common.Address, sender common.Address, receiver common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("getFlowrate", token, sender, receiver)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d8b6526.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getFlowrate(address token_, address sender, address receiver) view returns(int96)
func (paymentStreams *PaymentStreams) TryPackGetFlowrate(token common.Address, sender common.Address, receiver common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("getFlowrate", token, sender, receiver)
}

// UnpackGetFlowrate is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d8b6526.
//
// Solidity: function getFlowrate(address token_, address sender, address receiver) view returns(int96)
func (paymentStreams *PaymentStreams) UnpackGetFlowrate(data []byte) (*big.Int, error) {
	out, err := paymentStreams.abi.Unpack("getFlowrate", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGrantPermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7243fb93.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grantPermissions(address token_, address flowOperator) returns(bool)
func (paymentStreams *PaymentStreams) PackGrantPermissions(token common.Address, flowOperator common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("grantPermissions", token, flowOperator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantPermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7243fb93.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grantPermissions(address token_, address flowOperator) returns(bool)
func (paymentStreams *PaymentStreams) TryPackGrantPermissions(token common.Address, flowOperator common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("grantPermissions", token, flowOperator)
}

// UnpackGrantPermissions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7243fb93.
//
// Solidity: function grantPermissions(address token_, address flowOperator) returns(bool)
func (paymentStreams *PaymentStreams) UnpackGrantPermissions(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("grantPermissions", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsAccountCritical is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9d078d6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAccountCritical(address account, uint256 timestamp) view returns(bool)
func (paymentStreams *PaymentStreams) PackIsAccountCritical(account common.Address, timestamp *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("isAccountCritical", account, timestamp)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsAccountCritical is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9d078d6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isAccountCritical(address account, uint256 timestamp) view returns(bool)
func (paymentStreams *PaymentStreams) TryPackIsAccountCritical(account common.Address, timestamp *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("isAccountCritical", account, timestamp)
}

// UnpackIsAccountCritical is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd9d078d6.
//
// Solidity: function isAccountCritical(address account, uint256 timestamp) view returns(bool)
func (paymentStreams *PaymentStreams) UnpackIsAccountCritical(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("isAccountCritical", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsAccountCriticalNow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79359f6f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAccountCriticalNow(address account) view returns(bool)
func (paymentStreams *PaymentStreams) PackIsAccountCriticalNow(account common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("isAccountCriticalNow", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsAccountCriticalNow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79359f6f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isAccountCriticalNow(address account) view returns(bool)
func (paymentStreams *PaymentStreams) TryPackIsAccountCriticalNow(account common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("isAccountCriticalNow", account)
}

// UnpackIsAccountCriticalNow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x79359f6f.
//
// Solidity: function isAccountCriticalNow(address account) view returns(bool)
func (paymentStreams *PaymentStreams) UnpackIsAccountCriticalNow(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("isAccountCriticalNow", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLiquidationPeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6eea7f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function liquidationPeriod() view returns(uint256)
func (paymentStreams *PaymentStreams) PackLiquidationPeriod() []byte {
	enc, err := paymentStreams.abi.Pack("liquidationPeriod")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLiquidationPeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6eea7f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function liquidationPeriod() view returns(uint256)
func (paymentStreams *PaymentStreams) TryPackLiquidationPeriod() ([]byte, error) {
	return paymentStreams.abi.Pack("liquidationPeriod")
}

// UnpackLiquidationPeriod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa6eea7f3.
//
// Solidity: function liquidationPeriod() view returns(uint256)
func (paymentStreams *PaymentStreams) UnpackLiquidationPeriod(data []byte) (*big.Int, error) {
	out, err := paymentStreams.abi.Unpack("liquidationPeriod", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRealtimeBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb3537cc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function realtimeBalanceOf(address account, uint256 timestamp) view returns(int256 availableBalance, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) PackRealtimeBalanceOf(account common.Address, timestamp *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("realtimeBalanceOf", account, timestamp)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRealtimeBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb3537cc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function realtimeBalanceOf(address account, uint256 timestamp) view returns(int256 availableBalance, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) TryPackRealtimeBalanceOf(account common.Address, timestamp *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("realtimeBalanceOf", account, timestamp)
}

// RealtimeBalanceOfOutput serves as a container for the return parameters of contract
// method RealtimeBalanceOf.
type RealtimeBalanceOfOutput struct {
	AvailableBalance *big.Int
	Deposit          *big.Int
	OwedDeposit      *big.Int
}

// UnpackRealtimeBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xeb3537cc.
//
// Solidity: function realtimeBalanceOf(address account, uint256 timestamp) view returns(int256 availableBalance, uint256 deposit_, uint256 owedDeposit)
func (paymentStreams *PaymentStreams) UnpackRealtimeBalanceOf(data []byte) (RealtimeBalanceOfOutput, error) {
	out, err := paymentStreams.abi.Unpack("realtimeBalanceOf", data)
	outstruct := new(RealtimeBalanceOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.AvailableBalance = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Deposit = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.OwedDeposit = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackRealtimeBalanceOfNow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ec8eec7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function realtimeBalanceOfNow(address account) view returns(int256 availableBalance, uint256 deposit_, uint256 owedDeposit, uint256 timestamp)
func (paymentStreams *PaymentStreams) PackRealtimeBalanceOfNow(account common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("realtimeBalanceOfNow", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRealtimeBalanceOfNow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ec8eec7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function realtimeBalanceOfNow(address account) view returns(int256 availableBalance, uint256 deposit_, uint256 owedDeposit, uint256 timestamp)
func (paymentStreams *PaymentStreams) TryPackRealtimeBalanceOfNow(account common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("realtimeBalanceOfNow", account)
}

// RealtimeBalanceOfNowOutput serves as a container for the return parameters of contract
// method RealtimeBalanceOfNow.
type RealtimeBalanceOfNowOutput struct {
	AvailableBalance *big.Int
	Deposit          *big.Int
	OwedDeposit      *big.Int
	Timestamp        *big.Int
}

// UnpackRealtimeBalanceOfNow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2ec8eec7.
//
// Solidity: function realtimeBalanceOfNow(address account) view returns(int256 availableBalance, uint256 deposit_, uint256 owedDeposit, uint256 timestamp)
func (paymentStreams *PaymentStreams) UnpackRealtimeBalanceOfNow(data []byte) (RealtimeBalanceOfNowOutput, error) {
	out, err := paymentStreams.abi.Unpack("realtimeBalanceOfNow", data)
	outstruct := new(RealtimeBalanceOfNowOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.AvailableBalance = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Deposit = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.OwedDeposit = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.Timestamp = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackRevokePermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0bd0728d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokePermissions(address token_, address flowOperator) returns(bool)
func (paymentStreams *PaymentStreams) PackRevokePermissions(token common.Address, flowOperator common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("revokePermissions", token, flowOperator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokePermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0bd0728d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokePermissions(address token_, address flowOperator) returns(bool)
func (paymentStreams *PaymentStreams) TryPackRevokePermissions(token common.Address, flowOperator common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("revokePermissions", token, flowOperator)
}

// UnpackRevokePermissions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0bd0728d.
//
// Solidity: function revokePermissions(address token_, address flowOperator) returns(bool)
func (paymentStreams *PaymentStreams) UnpackRevokePermissions(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("revokePermissions", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSetFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x57e6aa36.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setFlowrate(address token_, address receiver, int96 flowrate) returns(bool)
func (paymentStreams *PaymentStreams) PackSetFlowrate(token common.Address, receiver common.Address, flowrate *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("setFlowrate", token, receiver, flowrate)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetFlowrate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x57e6aa36.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setFlowrate(address token_, address receiver, int96 flowrate) returns(bool)
func (paymentStreams *PaymentStreams) TryPackSetFlowrate(token common.Address, receiver common.Address, flowrate *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("setFlowrate", token, receiver, flowrate)
}

// UnpackSetFlowrate is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x57e6aa36.
//
// Solidity: function setFlowrate(address token_, address receiver, int96 flowrate) returns(bool)
func (paymentStreams *PaymentStreams) UnpackSetFlowrate(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("setFlowrate", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSetFlowrateFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5ad5c1a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setFlowrateFrom(address token_, address sender, address receiver, int96 flowrate) returns(bool)
func (paymentStreams *PaymentStreams) PackSetFlowrateFrom(token common.Address, sender common.Address, receiver common.Address, flowrate *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("setFlowrateFrom", token, sender, receiver, flowrate)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetFlowrateFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5ad5c1a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setFlowrateFrom(address token_, address sender, address receiver, int96 flowrate) returns(bool)
func (paymentStreams *PaymentStreams) TryPackSetFlowrateFrom(token common.Address, sender common.Address, receiver common.Address, flowrate *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("setFlowrateFrom", token, sender, receiver, flowrate)
}

// UnpackSetFlowrateFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc5ad5c1a.
//
// Solidity: function setFlowrateFrom(address token_, address sender, address receiver, int96 flowrate) returns(bool)
func (paymentStreams *PaymentStreams) UnpackSetFlowrateFrom(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("setFlowrateFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (paymentStreams *PaymentStreams) PackToken() []byte {
	enc, err := paymentStreams.abi.Pack("token")
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
func (paymentStreams *PaymentStreams) TryPackToken() ([]byte, error) {
	return paymentStreams.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (paymentStreams *PaymentStreams) UnpackToken(data []byte) (common.Address, error) {
	out, err := paymentStreams.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTotalBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b0ee02a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalBalanceOf(address account) view returns(int256)
func (paymentStreams *PaymentStreams) PackTotalBalanceOf(account common.Address) []byte {
	enc, err := paymentStreams.abi.Pack("totalBalanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b0ee02a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalBalanceOf(address account) view returns(int256)
func (paymentStreams *PaymentStreams) TryPackTotalBalanceOf(account common.Address) ([]byte, error) {
	return paymentStreams.abi.Pack("totalBalanceOf", account)
}

// UnpackTotalBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4b0ee02a.
//
// Solidity: function totalBalanceOf(address account) view returns(int256)
func (paymentStreams *PaymentStreams) UnpackTotalBalanceOf(data []byte) (*big.Int, error) {
	out, err := paymentStreams.abi.Unpack("totalBalanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUpdateFlow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0c033991.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateFlow(address token_, address sender, address receiver, int96 flowrate, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) PackUpdateFlow(token common.Address, sender common.Address, receiver common.Address, flowrate *big.Int, userData []byte) []byte {
	enc, err := paymentStreams.abi.Pack("updateFlow", token, sender, receiver, flowrate, userData)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateFlow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0c033991.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateFlow(address token_, address sender, address receiver, int96 flowrate, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) TryPackUpdateFlow(token common.Address, sender common.Address, receiver common.Address, flowrate *big.Int, userData []byte) ([]byte, error) {
	return paymentStreams.abi.Pack("updateFlow", token, sender, receiver, flowrate, userData)
}

// UnpackUpdateFlow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0c033991.
//
// Solidity: function updateFlow(address token_, address sender, address receiver, int96 flowrate, bytes userData) returns(bool)
func (paymentStreams *PaymentStreams) UnpackUpdateFlow(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("updateFlow", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackUpdateFlowOperatorPermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30885591.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateFlowOperatorPermissions(address token_, address flowOperator, uint8 permissions, int96 flowrateAllowance) returns(bool)
func (paymentStreams *PaymentStreams) PackUpdateFlowOperatorPermissions(token common.Address, flowOperator common.Address, permissions uint8, flowrateAllowance *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("updateFlowOperatorPermissions", token, flowOperator, permissions, flowrateAllowance)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateFlowOperatorPermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30885591.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateFlowOperatorPermissions(address token_, address flowOperator, uint8 permissions, int96 flowrateAllowance) returns(bool)
func (paymentStreams *PaymentStreams) TryPackUpdateFlowOperatorPermissions(token common.Address, flowOperator common.Address, permissions uint8, flowrateAllowance *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("updateFlowOperatorPermissions", token, flowOperator, permissions, flowrateAllowance)
}

// UnpackUpdateFlowOperatorPermissions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x30885591.
//
// Solidity: function updateFlowOperatorPermissions(address token_, address flowOperator, uint8 permissions, int96 flowrateAllowance) returns(bool)
func (paymentStreams *PaymentStreams) UnpackUpdateFlowOperatorPermissions(data []byte) (bool, error) {
	out, err := paymentStreams.abi.Unpack("updateFlowOperatorPermissions", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e1a7d4d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(uint256 amount) returns()
func (paymentStreams *PaymentStreams) PackWithdraw(amount *big.Int) []byte {
	enc, err := paymentStreams.abi.Pack("withdraw", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e1a7d4d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(uint256 amount) returns()
func (paymentStreams *PaymentStreams) TryPackWithdraw(amount *big.Int) ([]byte, error) {
	return paymentStreams.abi.Pack("withdraw", amount)
}

// PaymentStreamsDeposited represents a Deposited event raised by the PaymentStreams contract.
type PaymentStreamsDeposited struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PaymentStreamsDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (PaymentStreamsDeposited) ContractEventName() string {
	return PaymentStreamsDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(address indexed account, uint256 amount)
func (paymentStreams *PaymentStreams) UnpackDepositedEvent(log *types.Log) (*PaymentStreamsDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentStreams.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentStreamsDeposited)
	if len(log.Data) > 0 {
		if err := paymentStreams.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentStreams.abi.Events[event].Inputs {
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

// PaymentStreamsFlowLiquidated represents a FlowLiquidated event raised by the PaymentStreams contract.
type PaymentStreamsFlowLiquidated struct {
	Sender        common.Address
	Receiver      common.Address
	Liquidator    common.Address
	Reward        *big.Int
	SenderBalance *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const PaymentStreamsFlowLiquidatedEventName = "FlowLiquidated"

// ContractEventName returns the user-defined event name.
func (PaymentStreamsFlowLiquidated) ContractEventName() string {
	return PaymentStreamsFlowLiquidatedEventName
}

// UnpackFlowLiquidatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FlowLiquidated(address indexed sender, address indexed receiver, address indexed liquidator, uint256 reward, int256 senderBalance)
func (paymentStreams *PaymentStreams) UnpackFlowLiquidatedEvent(log *types.Log) (*PaymentStreamsFlowLiquidated, error) {
	event := "FlowLiquidated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentStreams.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentStreamsFlowLiquidated)
	if len(log.Data) > 0 {
		if err := paymentStreams.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentStreams.abi.Events[event].Inputs {
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

// PaymentStreamsFlowOperatorUpdated represents a FlowOperatorUpdated event raised by the PaymentStreams contract.
type PaymentStreamsFlowOperatorUpdated struct {
	Token             common.Address
	Sender            common.Address
	FlowOperator      common.Address
	Permissions       uint8
	FlowRateAllowance *big.Int
	Raw               *types.Log // Blockchain specific contextual infos
}

const PaymentStreamsFlowOperatorUpdatedEventName = "FlowOperatorUpdated"

// ContractEventName returns the user-defined event name.
func (PaymentStreamsFlowOperatorUpdated) ContractEventName() string {
	return PaymentStreamsFlowOperatorUpdatedEventName
}

// UnpackFlowOperatorUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FlowOperatorUpdated(address indexed token, address indexed sender, address indexed flowOperator, uint8 permissions, int96 flowRateAllowance)
func (paymentStreams *PaymentStreams) UnpackFlowOperatorUpdatedEvent(log *types.Log) (*PaymentStreamsFlowOperatorUpdated, error) {
	event := "FlowOperatorUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentStreams.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentStreamsFlowOperatorUpdated)
	if len(log.Data) > 0 {
		if err := paymentStreams.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentStreams.abi.Events[event].Inputs {
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

// PaymentStreamsFlowUpdated represents a FlowUpdated event raised by the PaymentStreams contract.
type PaymentStreamsFlowUpdated struct {
	Token                 common.Address
	Sender                common.Address
	Receiver              common.Address
	FlowRate              *big.Int
	TotalSenderFlowRate   *big.Int
	TotalReceiverFlowRate *big.Int
	UserData              []byte
	Raw                   *types.Log // Blockchain specific contextual infos
}

const PaymentStreamsFlowUpdatedEventName = "FlowUpdated"

// ContractEventName returns the user-defined event name.
func (PaymentStreamsFlowUpdated) ContractEventName() string {
	return PaymentStreamsFlowUpdatedEventName
}

// UnpackFlowUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FlowUpdated(address indexed token, address indexed sender, address indexed receiver, int96 flowRate, int256 totalSenderFlowRate, int256 totalReceiverFlowRate, bytes userData)
func (paymentStreams *PaymentStreams) UnpackFlowUpdatedEvent(log *types.Log) (*PaymentStreamsFlowUpdated, error) {
	event := "FlowUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentStreams.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentStreamsFlowUpdated)
	if len(log.Data) > 0 {
		if err := paymentStreams.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentStreams.abi.Events[event].Inputs {
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

// PaymentStreamsFlowUpdatedExtension represents a FlowUpdatedExtension event raised by the PaymentStreams contract.
type PaymentStreamsFlowUpdatedExtension struct {
	FlowOperator common.Address
	Deposit      *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const PaymentStreamsFlowUpdatedExtensionEventName = "FlowUpdatedExtension"

// ContractEventName returns the user-defined event name.
func (PaymentStreamsFlowUpdatedExtension) ContractEventName() string {
	return PaymentStreamsFlowUpdatedExtensionEventName
}

// UnpackFlowUpdatedExtensionEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FlowUpdatedExtension(address indexed flowOperator, uint256 deposit)
func (paymentStreams *PaymentStreams) UnpackFlowUpdatedExtensionEvent(log *types.Log) (*PaymentStreamsFlowUpdatedExtension, error) {
	event := "FlowUpdatedExtension"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentStreams.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentStreamsFlowUpdatedExtension)
	if len(log.Data) > 0 {
		if err := paymentStreams.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentStreams.abi.Events[event].Inputs {
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

// PaymentStreamsWithdrawn represents a Withdrawn event raised by the PaymentStreams contract.
type PaymentStreamsWithdrawn struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PaymentStreamsWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (PaymentStreamsWithdrawn) ContractEventName() string {
	return PaymentStreamsWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (paymentStreams *PaymentStreams) UnpackWithdrawnEvent(log *types.Log) (*PaymentStreamsWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentStreams.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentStreamsWithdrawn)
	if len(log.Data) > 0 {
		if err := paymentStreams.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentStreams.abi.Events[event].Inputs {
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
func (paymentStreams *PaymentStreams) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["FlowExists"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackFlowExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["FlowNotFound"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackFlowNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["FlowToSelf"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackFlowToSelfError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["FlowrateAllowanceExceeded"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackFlowrateAllowanceExceededError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackInsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["InvalidFlowrate"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackInvalidFlowrateError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["InvalidPermissions"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackInvalidPermissionsError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["NotAuthorized"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackNotAuthorizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["SafeCastOverflowedUintToInt"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackSafeCastOverflowedUintToIntError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["UnsupportedToken"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackUnsupportedTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentStreams.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return paymentStreams.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PaymentStreamsFlowExists represents a FlowExists error raised by the PaymentStreams contract.
type PaymentStreamsFlowExists struct {
	Sender   common.Address
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FlowExists(address sender, address receiver)
func PaymentStreamsFlowExistsErrorID() common.Hash {
	return common.HexToHash("0x386482e4b6796ae5ab05b21024fcc91600f1ee4c589eda4b72d800f48ac50379")
}

// UnpackFlowExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FlowExists(address sender, address receiver)
func (paymentStreams *PaymentStreams) UnpackFlowExistsError(raw []byte) (*PaymentStreamsFlowExists, error) {
	out := new(PaymentStreamsFlowExists)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "FlowExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsFlowNotFound represents a FlowNotFound error raised by the PaymentStreams contract.
type PaymentStreamsFlowNotFound struct {
	Sender   common.Address
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FlowNotFound(address sender, address receiver)
func PaymentStreamsFlowNotFoundErrorID() common.Hash {
	return common.HexToHash("0xd7df55dd4efe0649785ba1e5a7939265f97a70fbc8be799d355758b52605893f")
}

// UnpackFlowNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FlowNotFound(address sender, address receiver)
func (paymentStreams *PaymentStreams) UnpackFlowNotFoundError(raw []byte) (*PaymentStreamsFlowNotFound, error) {
	out := new(PaymentStreamsFlowNotFound)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "FlowNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsFlowToSelf represents a FlowToSelf error raised by the PaymentStreams contract.
type PaymentStreamsFlowToSelf struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FlowToSelf(address account)
func PaymentStreamsFlowToSelfErrorID() common.Hash {
	return common.HexToHash("0x0799a4ef57c37108679d71ae94bada5999ed880a2930ebf3b60bd49ddd5397d3")
}

// UnpackFlowToSelfError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FlowToSelf(address account)
func (paymentStreams *PaymentStreams) UnpackFlowToSelfError(raw []byte) (*PaymentStreamsFlowToSelf, error) {
	out := new(PaymentStreamsFlowToSelf)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "FlowToSelf", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsFlowrateAllowanceExceeded represents a FlowrateAllowanceExceeded error raised by the PaymentStreams contract.
type PaymentStreamsFlowrateAllowanceExceeded struct {
	Allowance *big.Int
	Requested *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FlowrateAllowanceExceeded(int96 allowance, int96 requested)
func PaymentStreamsFlowrateAllowanceExceededErrorID() common.Hash {
	return common.HexToHash("0x2237447ecdc352bd459c1f1b537d398838566681495f335f81e28ae137886122")
}

// UnpackFlowrateAllowanceExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FlowrateAllowanceExceeded(int96 allowance, int96 requested)
func (paymentStreams *PaymentStreams) UnpackFlowrateAllowanceExceededError(raw []byte) (*PaymentStreamsFlowrateAllowanceExceeded, error) {
	out := new(PaymentStreamsFlowrateAllowanceExceeded)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "FlowrateAllowanceExceeded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsInsufficientBalance represents a InsufficientBalance error raised by the PaymentStreams contract.
type PaymentStreamsInsufficientBalance struct {
	Account   common.Address
	Available *big.Int
	Required  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address account, int256 available, uint256 required)
func PaymentStreamsInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xa69f3013d4295a07fb64562501c876fe8f69475456905a357312386045c4cb53")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address account, int256 available, uint256 required)
func (paymentStreams *PaymentStreams) UnpackInsufficientBalanceError(raw []byte) (*PaymentStreamsInsufficientBalance, error) {
	out := new(PaymentStreamsInsufficientBalance)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsInvalidFlowrate represents a InvalidFlowrate error raised by the PaymentStreams contract.
type PaymentStreamsInvalidFlowrate struct {
	Flowrate *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidFlowrate(int96 flowrate)
func PaymentStreamsInvalidFlowrateErrorID() common.Hash {
	return common.HexToHash("0x1c234f60d1c0c3f93dd3136705a977f02f30e6bc25ba46bb842347c6882e4702")
}

// UnpackInvalidFlowrateError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidFlowrate(int96 flowrate)
func (paymentStreams *PaymentStreams) UnpackInvalidFlowrateError(raw []byte) (*PaymentStreamsInvalidFlowrate, error) {
	out := new(PaymentStreamsInvalidFlowrate)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "InvalidFlowrate", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsInvalidPermissions represents a InvalidPermissions error raised by the PaymentStreams contract.
type PaymentStreamsInvalidPermissions struct {
	Permissions uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPermissions(uint8 permissions)
func PaymentStreamsInvalidPermissionsErrorID() common.Hash {
	return common.HexToHash("0xf9935fbc94d30f08b0be64d54049acee13521ba1e8e42908f3d75489f15dc78a")
}

// UnpackInvalidPermissionsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPermissions(uint8 permissions)
func (paymentStreams *PaymentStreams) UnpackInvalidPermissionsError(raw []byte) (*PaymentStreamsInvalidPermissions, error) {
	out := new(PaymentStreamsInvalidPermissions)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "InvalidPermissions", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsNotAuthorized represents a NotAuthorized error raised by the PaymentStreams contract.
type PaymentStreamsNotAuthorized struct {
	Caller     common.Address
	Sender     common.Address
	Permission uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorized(address caller, address sender, uint8 permission)
func PaymentStreamsNotAuthorizedErrorID() common.Hash {
	return common.HexToHash("0x6cae596077b60c8150bf9ff72adea1a6198e815e49e1231e08fa5fa44fc0f567")
}

// UnpackNotAuthorizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorized(address caller, address sender, uint8 permission)
func (paymentStreams *PaymentStreams) UnpackNotAuthorizedError(raw []byte) (*PaymentStreamsNotAuthorized, error) {
	out := new(PaymentStreamsNotAuthorized)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "NotAuthorized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the PaymentStreams contract.
type PaymentStreamsReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func PaymentStreamsReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (paymentStreams *PaymentStreams) UnpackReentrancyGuardReentrantCallError(raw []byte) (*PaymentStreamsReentrancyGuardReentrantCall, error) {
	out := new(PaymentStreamsReentrancyGuardReentrantCall)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsSafeCastOverflowedUintToInt represents a SafeCastOverflowedUintToInt error raised by the PaymentStreams contract.
type PaymentStreamsSafeCastOverflowedUintToInt struct {
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeCastOverflowedUintToInt(uint256 value)
func PaymentStreamsSafeCastOverflowedUintToIntErrorID() common.Hash {
	return common.HexToHash("0x24775e0629ae69d78c11bae050651b81820407f300ff750ff2be51e4ce75c37f")
}

// UnpackSafeCastOverflowedUintToIntError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeCastOverflowedUintToInt(uint256 value)
func (paymentStreams *PaymentStreams) UnpackSafeCastOverflowedUintToIntError(raw []byte) (*PaymentStreamsSafeCastOverflowedUintToInt, error) {
	out := new(PaymentStreamsSafeCastOverflowedUintToInt)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "SafeCastOverflowedUintToInt", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the PaymentStreams contract.
type PaymentStreamsSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func PaymentStreamsSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (paymentStreams *PaymentStreams) UnpackSafeERC20FailedOperationError(raw []byte) (*PaymentStreamsSafeERC20FailedOperation, error) {
	out := new(PaymentStreamsSafeERC20FailedOperation)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsUnsupportedToken represents a UnsupportedToken error raised by the PaymentStreams contract.
type PaymentStreamsUnsupportedToken struct {
	Token    common.Address
	Expected common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnsupportedToken(address token, address expected)
func PaymentStreamsUnsupportedTokenErrorID() common.Hash {
	return common.HexToHash("0x7626e296f1d8f8bd63ae90eeed9203dd15a4c593a843d11feb014935e5c37d06")
}

// UnpackUnsupportedTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnsupportedToken(address token, address expected)
func (paymentStreams *PaymentStreams) UnpackUnsupportedTokenError(raw []byte) (*PaymentStreamsUnsupportedToken, error) {
	out := new(PaymentStreamsUnsupportedToken)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "UnsupportedToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsZeroAddress represents a ZeroAddress error raised by the PaymentStreams contract.
type PaymentStreamsZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func PaymentStreamsZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (paymentStreams *PaymentStreams) UnpackZeroAddressError(raw []byte) (*PaymentStreamsZeroAddress, error) {
	out := new(PaymentStreamsZeroAddress)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentStreamsZeroAmount represents a ZeroAmount error raised by the PaymentStreams contract.
type PaymentStreamsZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func PaymentStreamsZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (paymentStreams *PaymentStreams) UnpackZeroAmountError(raw []byte) (*PaymentStreamsZeroAmount, error) {
	out := new(PaymentStreamsZeroAmount)
	if err := paymentStreams.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
