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

// PoolINFTMetadata is an auto generated low-level Go binding around an user-defined struct.
type PoolINFTMetadata struct {
	PoolId    [32]byte
	DataHash  [32]byte
	SealedKey []byte
	Nonce     *big.Int
}

// PoolINFTMetaData contains all meta data concerning the PoolINFT contract.
var PoolINFTMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"verifier_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptySealedKey\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidTransferProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"NotTokenOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"PlainTransferDisabled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"PoolAlreadyMinted\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"dataHash\",\"type\":\"bytes32\"}],\"name\":\"Minted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"sealedKey\",\"type\":\"bytes\"}],\"name\":\"PublishedSealedKey\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"newDataHash\",\"type\":\"bytes32\"}],\"name\":\"Transferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"executor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"permissions\",\"type\":\"bytes\"}],\"name\":\"UsageAuthorized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"executor\",\"type\":\"address\"}],\"name\":\"UsageRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"VerifierChanged\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"DOMAIN_SEPARATOR\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"TRANSFER_VALIDITY_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"executor\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"permissions\",\"type\":\"bytes\"}],\"name\":\"authorizeUsage\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"executor\",\"type\":\"address\"}],\"name\":\"isAuthorizedUser\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"metadata\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"dataHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"sealedKey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structPoolINFT.Metadata\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"dataHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"sealedKey\",\"type\":\"bytes\"}],\"name\":\"mint\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"nextTokenId\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"executor\",\"type\":\"address\"}],\"name\":\"revokeUsage\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier_\",\"type\":\"address\"}],\"name\":\"setVerifier\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"poolId\",\"type\":\"bytes32\"}],\"name\":\"tokenOfPool\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"newDataHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"sealedKey\",\"type\":\"bytes\"}],\"name\":\"transferDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"newDataHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"sealedKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"transferWithProof\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"executor\",\"type\":\"address\"}],\"name\":\"usagePermissions\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifier\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "PoolINFT",
	Bin: "0x60a06040526001600855348015610014575f5ffd5b506040516128273803806128278339810160408190526100339161022a565b816040518060400160405280601081526020016f10dbdb5c1d5d19541bdbdb081253919560821b8152506040518060400160405280600681526020016510d41253919560d21b815250815f908161008a91906102fe565b50600161009782826102fe565b5050506001600160a01b0381166100c757604051631e4fbdf760e01b81525f600482015260240160405180910390fd5b6100d0816101be565b50604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f13160a78a34d3e3c51d33dc4c23fe29ff598f3ab8041e1cd3083ed8cf35ce251918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260c00160408051808303601f19018152908290528051602090910120608052600780546001600160a01b0319166001600160a01b038416908117909155907eaccbf0787bf565863b49aef6d6d8ff2f631f1da95c76e016aed7a21a11a7b7905f90a250506103bc565b600680546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b80516001600160a01b0381168114610225575f5ffd5b919050565b5f5f6040838503121561023b575f5ffd5b6102448361020f565b91506102526020840161020f565b90509250929050565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061028357607f821691505b6020821081036102a157634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156102f957828211156102f957805f5260205f20601f840160051c60208510156102d257505f5b90810190601f840160051c035f5b818110156102f5575f838201556001016102e0565b5050505b505050565b81516001600160401b038111156103175761031761025b565b61032b81610325845461026f565b846102a7565b6020601f82116001811461035d575f83156103465750848201515b5f19600385901b1c1916600184901b1784556103b5565b5f84815260208120601f198516915b8281101561038c578785015182556020948501946001909201910161036c565b50848210156103a957868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b60805161244c6103db5f395f81816102bd0152610954015261244c5ff3fe608060405234801561000f575f5ffd5b50600436106101d1575f3560e01c806370a08231116100fe578063a22cb4651161009e578063cdba68b91161006e578063cdba68b914610414578063e3684e3914610427578063e985e9c514610447578063f2fde38b1461045a575f5ffd5b8063a22cb465146103c8578063b88d4fde146103db578063c572f4aa146103ee578063c87b56dd14610401575f5ffd5b80637b297a6f116100d95780637b297a6f146103755780638cb734da146103885780638da5cb5b146103af57806395d89b41146103c0575f5ffd5b806370a0823114610351578063715018a61461036457806375794a3c1461036c575f5ffd5b80632b7ac3f31161017457806357d89af01161014457806357d89af014610305578063588bd850146103185780636352211e1461032b5780636dacccff1461033e575f5ffd5b80632b7ac3f3146102a55780633644e515146102b857806342842e0e146102df5780635437988d146102f2575f5ffd5b8063095ea7b3116101af578063095ea7b31461023d5780630ae89127146102525780630da00a5c1461027f57806323b872dd14610292575f5ffd5b806301ffc9a7146101d557806306fdde03146101fd578063081812fc14610212575b5f5ffd5b6101e86101e3366004611c19565b61046d565b60405190151581526020015b60405180910390f35b6102056104be565b6040516101f49190611c62565b610225610220366004611c74565b61054d565b6040516001600160a01b0390911681526020016101f4565b61025061024b366004611ca6565b610574565b005b610271610260366004611c74565b600c6020525f908152604090205481565b6040519081526020016101f4565b61025061028d366004611d13565b610583565b6102506102a0366004611db5565b6107a5565b600754610225906001600160a01b031681565b6102717f000000000000000000000000000000000000000000000000000000000000000081565b6102506102ed366004611db5565b61082e565b610250610300366004611def565b61084d565b610250610313366004611e08565b61089d565b610271610326366004611e32565b61093a565b610225610339366004611c74565b610a44565b61027161034c366004611ea5565b610a4e565b61027161035f366004611def565b610c15565b610250610c5a565b61027160085481565b610250610383366004611f08565b610c6d565b6102717f4bfa372c350faa32c1b2a84f0f6653716900fae7b8704d5f04b88e75f73d2c4c81565b6006546001600160a01b0316610225565b610205610de5565b6102506103d6366004611f5e565b610df4565b6102506103e9366004611fab565b610dff565b6102056103fc366004611e08565b610e17565b61020561040f366004611c74565b610ecb565b6101e8610422366004611e08565b610f3c565b61043a610435366004611c74565b610f72565b6040516101f49190612088565b6101e86104553660046120cd565b611074565b610250610468366004611def565b6110a1565b5f6001600160e01b031982166380ac58cd60e01b148061049d57506001600160e01b03198216635b5e139f60e01b145b806104b857506301ffc9a760e01b6001600160e01b03198316145b92915050565b60605f80546104cc906120f5565b80601f01602080910402602001604051908101604052809291908181526020018280546104f8906120f5565b80156105435780601f1061051a57610100808354040283529160200191610543565b820191905f5260205f20905b81548152906001019060200180831161052657829003601f168201915b5050505050905090565b5f610557826110de565b505f828152600460205260409020546001600160a01b03166104b8565b61057f828233611116565b5050565b61058e883388611123565b15806105b45750876001600160a01b03166105a887610a44565b6001600160a01b031614155b156105e057604051632c52f11160e11b8152336004820152602481018790526044015b60405180910390fd5b5f8390036106015760405163626d54e560e01b815260040160405180910390fd5b5f610610878a8a89898961093a565b90505f5f6106538386868080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061118792505050565b5090925090505f81600381111561066c5761066c61212d565b14158061068757506007546001600160a01b03838116911614155b156106a55760405163200c036160e21b815260040160405180910390fd5b5f89815260096020526040902060018101899055600281016106c8888a8361218f565b506001816003015f8282546106dd919061225d565b909155506106ec90508a6111d0565b600d805460ff191660011790556107048c8c8c611302565b600d805460ff191690556040518981526001600160a01b038c811691908e16908c907f3cd346e541018c0a5e0a0ba5cae74634bf0d5ae1e416192e4dd3886f4513b6b79060200160405180910390a4898b6001600160a01b03167fe84722491f3bdcdb07d8dacf7834975aa6a8a396ac8290dae5c3b9f57dad91688a8a60405161078f929190612270565b60405180910390a3505050505050505050505050565b6001600160a01b0382166107ce57604051633250574960e11b81525f60048201526024016105d7565b5f6107da8383336113af565b9050836001600160a01b0316816001600160a01b031614610828576040516364283d7b60e01b81526001600160a01b03808616600483015260248201849052821660448201526064016105d7565b50505050565b61084883838360405180602001604052805f815250610dff565b505050565b61085561141e565b600780546001600160a01b0319166001600160a01b0383169081179091556040517eaccbf0787bf565863b49aef6d6d8ff2f631f1da95c76e016aed7a21a11a7b7905f90a250565b336108a783610a44565b6001600160a01b0316146108d757604051632c52f11160e11b8152336004820152602481018390526044016105d7565b5f828152600a602090815260408083206001600160a01b0385168452909152812061090191611ba5565b6040516001600160a01b0382169083907f1ba7e5fd98e9d431d96d40388196be40e63f5087db78ee7ac286e3d6568fce4e905f90a35050565b5f5f60095f8981526020019081526020015f209050610a387f00000000000000000000000000000000000000000000000000000000000000007f4bfa372c350faa32c1b2a84f0f6653716900fae7b8704d5f04b88e75f73d2c4c8a8a8a86600101548b8b8b6040516109ad92919061229e565b6040805191829003822060038c01546020840199909952908201969096526001600160a01b03948516606082015293909216608084015260a083015260c082015260e0810191909152610100810191909152610120016040516020818303038152906040528051906020012060405161190160f01b8152600281019290925260228201526042902090565b98975050505050505050565b5f6104b8826110de565b5f610a5761141e565b5f858152600c602052604090205415610a9d575f858152600c602052604090819020549051638a93090760e01b81526105d7918791600401918252602082015260400190565b5f829003610abe5760405163626d54e560e01b815260040160405180910390fd5b60088054905f610acd836122ad565b91905055905080600c5f8781526020019081526020015f2081905550604051806080016040528086815260200185815260200184848080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920182905250938552505050602091820181905283815260098252604090819020835181559183015160018301558201516002820190610b6b90826122c5565b5060608201518160030155905050610b83868261144b565b856001600160a01b031685827f59f3b15143cfee714bd740a96b53fda2aaf82a680c748a2c93ef608c0897386d87604051610bc091815260200190565b60405180910390a480866001600160a01b03167fe84722491f3bdcdb07d8dacf7834975aa6a8a396ac8290dae5c3b9f57dad91688585604051610c04929190612270565b60405180910390a395945050505050565b5f6001600160a01b038216610c3f576040516322718ad960e21b81525f60048201526024016105d7565b506001600160a01b03165f9081526003602052604090205490565b610c6261141e565b610c6b5f611464565b565b33610c7785610a44565b6001600160a01b031614610ca757604051632c52f11160e11b8152336004820152602481018590526044016105d7565b5f848152600a602090815260408083206001600160a01b038716845290915290208054610cd3906120f5565b90505f03610d12575f848152600b602090815260408220805460018101825590835291200180546001600160a01b0319166001600160a01b0385161790555b8015610d535781818080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92019190915250610d6e92505050565b604051806040016040528060018152602001600160f81b8152505b5f858152600a602090815260408083206001600160a01b0388168452909152902090610d9a90826122c5565b50826001600160a01b0316847fe2008fce6589f5fc55532de67b4d5ab3eddc8f8703486df3baeeef14f33242bd8484604051610dd7929190612270565b60405180910390a350505050565b6060600180546104cc906120f5565b61057f3383836114b5565b610e0a8484846107a5565b610828338585858561157c565b5f828152600a602090815260408083206001600160a01b03851684529091529020805460609190610e47906120f5565b80601f0160208091040260200160405190810160405280929190818152602001828054610e73906120f5565b8015610ebe5780601f10610e9557610100808354040283529160200191610ebe565b820191905f5260205f20905b815481529060010190602001808311610ea157829003601f168201915b5050505050905092915050565b6060610ed6826110de565b505f610eec60408051602081019091525f815290565b90505f815111610f0a5760405180602001604052805f815250610f35565b80610f14846116a4565b604051602001610f25929190612397565b6040516020818303038152906040525b9392505050565b5f828152600a602090815260408083206001600160a01b038516845290915281208054610f68906120f5565b1515949350505050565b610f9a60405180608001604052805f81526020015f8152602001606081526020015f81525090565b610fa3826110de565b5060095f8381526020019081526020015f206040518060800160405290815f820154815260200160018201548152602001600282018054610fe3906120f5565b80601f016020809104026020016040519081016040528092919081815260200182805461100f906120f5565b801561105a5780601f106110315761010080835404028352916020019161105a565b820191905f5260205f20905b81548152906001019060200180831161103d57829003601f168201915b505050505081526020016003820154815250509050919050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b6110a961141e565b6001600160a01b0381166110d257604051631e4fbdf760e01b81525f60048201526024016105d7565b6110db81611464565b50565b5f818152600260205260408120546001600160a01b0316806104b857604051637e27328960e01b8152600481018490526024016105d7565b6108488383836001611734565b5f6001600160a01b0383161580159061117f5750826001600160a01b0316846001600160a01b0316148061115c575061115c8484611074565b8061117f57505f828152600460205260409020546001600160a01b038481169116145b949350505050565b5f5f5f83516041036111be576020840151604085015160608601515f1a6111b088828585611838565b9550955095505050506111c9565b505081515f91506002905b9250925092565b5f818152600b60205260408120905b81548110156112eb57600a5f8481526020019081526020015f205f83838154811061120c5761120c6123ab565b5f9182526020808320909101546001600160a01b031683528201929092526040019020805461123a906120f5565b1590506112e357600a5f8481526020019081526020015f205f838381548110611265576112656123ab565b5f9182526020808320909101546001600160a01b03168352820192909252604001812061129191611ba5565b8181815481106112a3576112a36123ab565b5f9182526020822001546040516001600160a01b039091169185917f1ba7e5fd98e9d431d96d40388196be40e63f5087db78ee7ac286e3d6568fce4e9190a35b6001016111df565b505f828152600b6020526040812061057f91611bd9565b6001600160a01b03821661132b57604051633250574960e11b81525f60048201526024016105d7565b5f61133783835f6113af565b90506001600160a01b03811661136357604051637e27328960e01b8152600481018390526024016105d7565b836001600160a01b0316816001600160a01b031614610828576040516364283d7b60e01b81526001600160a01b03808616600483015260248201849052821660448201526064016105d7565b5f828152600260205260408120546001600160a01b031680158015906113dd57506001600160a01b03851615155b80156113ec5750600d5460ff16155b1561140a576040516334f2d40f60e11b815260040160405180910390fd5b611415858585611900565b95945050505050565b6006546001600160a01b03163314610c6b5760405163118cdaa760e01b81523360048201526024016105d7565b61057f828260405180602001604052805f8152506119f2565b600680546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b6001600160a01b0383166114de5760405163a9fbf51f60e01b81525f60048201526024016105d7565b6001600160a01b03821661151057604051630b61174360e31b81526001600160a01b03831660048201526024016105d7565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b1561169d57604051630a85bd0160e11b81526001600160a01b0384169063150b7a02906115be9088908890879087906004016123bf565b6020604051808303815f875af19250505080156115f8575060408051601f3d908101601f191682019092526115f5918101906123fb565b60015b61165f573d808015611625576040519150601f19603f3d011682016040523d82523d5f602084013e61162a565b606091505b5080515f0361165757604051633250574960e11b81526001600160a01b03851660048201526024016105d7565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461169b57604051633250574960e11b81526001600160a01b03851660048201526024016105d7565b505b5050505050565b60605f6116b083611a09565b60010190505f8167ffffffffffffffff8111156116cf576116cf611f97565b6040519080825280601f01601f1916602001820160405280156116f9576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a850494508461170357509392505050565b808061174857506001600160a01b03821615155b15611809575f611757846110de565b90506001600160a01b038316158015906117835750826001600160a01b0316816001600160a01b031614155b801561179657506117948184611074565b155b156117bf5760405163a9fbf51f60e01b81526001600160a01b03841660048201526024016105d7565b81156118075783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561187157505f915060039050826118f6565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156118c2573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381166118ed57505f9250600191508290506118f6565b92505f91508190505b9450945094915050565b5f828152600260205260408120546001600160a01b039081169083161561192c5761192c818486611ae0565b6001600160a01b03811615611966576119475f855f5f611734565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b03851615611994576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b6119fc8383611b44565b610848335f85858561157c565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310611a475772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310611a73576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310611a9157662386f26fc10000830492506010015b6305f5e1008310611aa9576305f5e100830492506008015b6127108310611abd57612710830492506004015b60648310611acf576064830492506002015b600a83106104b85760010192915050565b611aeb838383611123565b610848576001600160a01b038316611b1957604051637e27328960e01b8152600481018290526024016105d7565b60405163177e802f60e01b81526001600160a01b0383166004820152602481018290526044016105d7565b6001600160a01b038216611b6d57604051633250574960e11b81525f60048201526024016105d7565b5f611b7983835f6113af565b90506001600160a01b03811615610848576040516339e3563760e11b81525f60048201526024016105d7565b508054611bb1906120f5565b5f825580601f10611bc0575050565b601f0160209004905f5260205f2090610c6b9190611bed565b5080545f8255905f5260205f2090610c6b91905b5f5b80821115610848575f81840155600101611bef565b6001600160e01b0319811681146110db575f5ffd5b5f60208284031215611c29575f5ffd5b8135610f3581611c04565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f610f356020830184611c34565b5f60208284031215611c84575f5ffd5b5035919050565b80356001600160a01b0381168114611ca1575f5ffd5b919050565b5f5f60408385031215611cb7575f5ffd5b611cc083611c8b565b946020939093013593505050565b5f5f83601f840112611cde575f5ffd5b50813567ffffffffffffffff811115611cf5575f5ffd5b602083019150836020828501011115611d0c575f5ffd5b9250929050565b5f5f5f5f5f5f5f5f60c0898b031215611d2a575f5ffd5b611d3389611c8b565b9750611d4160208a01611c8b565b96506040890135955060608901359450608089013567ffffffffffffffff811115611d6a575f5ffd5b611d768b828c01611cce565b90955093505060a089013567ffffffffffffffff811115611d95575f5ffd5b611da18b828c01611cce565b999c989b5096995094979396929594505050565b5f5f5f60608486031215611dc7575f5ffd5b611dd084611c8b565b9250611dde60208501611c8b565b929592945050506040919091013590565b5f60208284031215611dff575f5ffd5b610f3582611c8b565b5f5f60408385031215611e19575f5ffd5b82359150611e2960208401611c8b565b90509250929050565b5f5f5f5f5f5f60a08789031215611e47575f5ffd5b86359550611e5760208801611c8b565b9450611e6560408801611c8b565b935060608701359250608087013567ffffffffffffffff811115611e87575f5ffd5b611e9389828a01611cce565b979a9699509497509295939492505050565b5f5f5f5f5f60808688031215611eb9575f5ffd5b611ec286611c8b565b94506020860135935060408601359250606086013567ffffffffffffffff811115611eeb575f5ffd5b611ef788828901611cce565b969995985093965092949392505050565b5f5f5f5f60608587031215611f1b575f5ffd5b84359350611f2b60208601611c8b565b9250604085013567ffffffffffffffff811115611f46575f5ffd5b611f5287828801611cce565b95989497509550505050565b5f5f60408385031215611f6f575f5ffd5b611f7883611c8b565b915060208301358015158114611f8c575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215611fbe575f5ffd5b611fc785611c8b565b9350611fd560208601611c8b565b925060408501359150606085013567ffffffffffffffff811115611ff7575f5ffd5b8501601f81018713612007575f5ffd5b803567ffffffffffffffff81111561202157612021611f97565b604051601f8201601f19908116603f0116810167ffffffffffffffff8111828210171561205057612050611f97565b604052818152828201602001891015612067575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b6020815281516020820152602082015160408201525f6040830151608060608401526120b760a0840182611c34565b9050606084015160808401528091505092915050565b5f5f604083850312156120de575f5ffd5b6120e783611c8b565b9150611e2960208401611c8b565b600181811c9082168061210957607f821691505b60208210810361212757634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52602160045260245ffd5b601f821115610848578282111561084857805f5260205f20601f840160051c602085101561216c57505f5b90810190601f840160051c035f5b8181101561169b575f8382015560010161217a565b67ffffffffffffffff8311156121a7576121a7611f97565b6121bb836121b583546120f5565b83612141565b5f601f8411600181146121ec575f85156121d55750838201355b5f19600387901b1c1916600186901b17835561169d565b5f83815260208120601f198716915b8281101561221b57868501358255602094850194600190920191016121fb565b5086821015612237575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156104b8576104b8612249565b60208152816020820152818360408301375f818301604090810191909152601f909201601f19160101919050565b818382375f9101908152919050565b5f600182016122be576122be612249565b5060010190565b815167ffffffffffffffff8111156122df576122df611f97565b6122f3816122ed84546120f5565b84612141565b6020601f821160018114612325575f831561230e5750848201515b5f19600385901b1c1916600184901b17845561169d565b5f84815260208120601f198516915b828110156123545787850151825560209485019460019092019101612334565b508482101561237157868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b5f81518060208401855e5f93019283525090919050565b5f61117f6123a58386612380565b84612380565b634e487b7160e01b5f52603260045260245ffd5b6001600160a01b03858116825284166020820152604081018390526080606082018190525f906123f190830184611c34565b9695505050505050565b5f6020828403121561240b575f5ffd5b8151610f3581611c0456fea2646970667358221220feaad644413869d2b16c5d2c7d22786b21653c8a5f85a00898e1d7e928be3d9864736f6c63430008250033",
}

// PoolINFT is an auto generated Go binding around an Ethereum contract.
type PoolINFT struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PoolINFT) GetABI() abi.ABI {
	return c.abi
}

// NewPoolINFT creates a new instance of PoolINFT.
func NewPoolINFT() *PoolINFT {
	parsed, err := PoolINFTMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PoolINFT{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PoolINFT) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner_, address verifier_) returns()
func (poolINFT *PoolINFT) PackConstructor(owner_ common.Address, verifier_ common.Address) []byte {
	enc, err := poolINFT.abi.Pack("", owner_, verifier_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackDOMAINSEPARATOR is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3644e515.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DOMAIN_SEPARATOR() view returns(bytes32)
func (poolINFT *PoolINFT) PackDOMAINSEPARATOR() []byte {
	enc, err := poolINFT.abi.Pack("DOMAIN_SEPARATOR")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDOMAINSEPARATOR is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3644e515.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DOMAIN_SEPARATOR() view returns(bytes32)
func (poolINFT *PoolINFT) TryPackDOMAINSEPARATOR() ([]byte, error) {
	return poolINFT.abi.Pack("DOMAIN_SEPARATOR")
}

// UnpackDOMAINSEPARATOR is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3644e515.
//
// Solidity: function DOMAIN_SEPARATOR() view returns(bytes32)
func (poolINFT *PoolINFT) UnpackDOMAINSEPARATOR(data []byte) ([32]byte, error) {
	out, err := poolINFT.abi.Unpack("DOMAIN_SEPARATOR", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTRANSFERVALIDITYTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8cb734da.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function TRANSFER_VALIDITY_TYPEHASH() view returns(bytes32)
func (poolINFT *PoolINFT) PackTRANSFERVALIDITYTYPEHASH() []byte {
	enc, err := poolINFT.abi.Pack("TRANSFER_VALIDITY_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTRANSFERVALIDITYTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8cb734da.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function TRANSFER_VALIDITY_TYPEHASH() view returns(bytes32)
func (poolINFT *PoolINFT) TryPackTRANSFERVALIDITYTYPEHASH() ([]byte, error) {
	return poolINFT.abi.Pack("TRANSFER_VALIDITY_TYPEHASH")
}

// UnpackTRANSFERVALIDITYTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8cb734da.
//
// Solidity: function TRANSFER_VALIDITY_TYPEHASH() view returns(bytes32)
func (poolINFT *PoolINFT) UnpackTRANSFERVALIDITYTYPEHASH(data []byte) ([32]byte, error) {
	out, err := poolINFT.abi.Unpack("TRANSFER_VALIDITY_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (poolINFT *PoolINFT) PackApprove(to common.Address, tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("approve", to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (poolINFT *PoolINFT) TryPackApprove(to common.Address, tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("approve", to, tokenId)
}

// PackAuthorizeUsage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b297a6f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function authorizeUsage(uint256 tokenId, address executor, bytes permissions) returns()
func (poolINFT *PoolINFT) PackAuthorizeUsage(tokenId *big.Int, executor common.Address, permissions []byte) []byte {
	enc, err := poolINFT.abi.Pack("authorizeUsage", tokenId, executor, permissions)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuthorizeUsage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b297a6f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function authorizeUsage(uint256 tokenId, address executor, bytes permissions) returns()
func (poolINFT *PoolINFT) TryPackAuthorizeUsage(tokenId *big.Int, executor common.Address, permissions []byte) ([]byte, error) {
	return poolINFT.abi.Pack("authorizeUsage", tokenId, executor, permissions)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (poolINFT *PoolINFT) PackBalanceOf(owner common.Address) []byte {
	enc, err := poolINFT.abi.Pack("balanceOf", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (poolINFT *PoolINFT) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (poolINFT *PoolINFT) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := poolINFT.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (poolINFT *PoolINFT) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("getApproved", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (poolINFT *PoolINFT) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (poolINFT *PoolINFT) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := poolINFT.abi.Unpack("getApproved", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (poolINFT *PoolINFT) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := poolINFT.abi.Pack("isApprovedForAll", owner, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (poolINFT *PoolINFT) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (poolINFT *PoolINFT) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := poolINFT.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsAuthorizedUser is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcdba68b9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAuthorizedUser(uint256 tokenId, address executor) view returns(bool)
func (poolINFT *PoolINFT) PackIsAuthorizedUser(tokenId *big.Int, executor common.Address) []byte {
	enc, err := poolINFT.abi.Pack("isAuthorizedUser", tokenId, executor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsAuthorizedUser is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcdba68b9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isAuthorizedUser(uint256 tokenId, address executor) view returns(bool)
func (poolINFT *PoolINFT) TryPackIsAuthorizedUser(tokenId *big.Int, executor common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("isAuthorizedUser", tokenId, executor)
}

// UnpackIsAuthorizedUser is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcdba68b9.
//
// Solidity: function isAuthorizedUser(uint256 tokenId, address executor) view returns(bool)
func (poolINFT *PoolINFT) UnpackIsAuthorizedUser(data []byte) (bool, error) {
	out, err := poolINFT.abi.Unpack("isAuthorizedUser", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMetadata is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe3684e39.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function metadata(uint256 tokenId) view returns((bytes32,bytes32,bytes,uint256))
func (poolINFT *PoolINFT) PackMetadata(tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("metadata", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMetadata is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe3684e39.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function metadata(uint256 tokenId) view returns((bytes32,bytes32,bytes,uint256))
func (poolINFT *PoolINFT) TryPackMetadata(tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("metadata", tokenId)
}

// UnpackMetadata is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe3684e39.
//
// Solidity: function metadata(uint256 tokenId) view returns((bytes32,bytes32,bytes,uint256))
func (poolINFT *PoolINFT) UnpackMetadata(data []byte) (PoolINFTMetadata, error) {
	out, err := poolINFT.abi.Unpack("metadata", data)
	if err != nil {
		return *new(PoolINFTMetadata), err
	}
	out0 := *abi.ConvertType(out[0], new(PoolINFTMetadata)).(*PoolINFTMetadata)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6dacccff.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, bytes32 poolId, bytes32 dataHash, bytes sealedKey) returns(uint256 tokenId)
func (poolINFT *PoolINFT) PackMint(to common.Address, poolId [32]byte, dataHash [32]byte, sealedKey []byte) []byte {
	enc, err := poolINFT.abi.Pack("mint", to, poolId, dataHash, sealedKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6dacccff.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, bytes32 poolId, bytes32 dataHash, bytes sealedKey) returns(uint256 tokenId)
func (poolINFT *PoolINFT) TryPackMint(to common.Address, poolId [32]byte, dataHash [32]byte, sealedKey []byte) ([]byte, error) {
	return poolINFT.abi.Pack("mint", to, poolId, dataHash, sealedKey)
}

// UnpackMint is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6dacccff.
//
// Solidity: function mint(address to, bytes32 poolId, bytes32 dataHash, bytes sealedKey) returns(uint256 tokenId)
func (poolINFT *PoolINFT) UnpackMint(data []byte) (*big.Int, error) {
	out, err := poolINFT.abi.Unpack("mint", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (poolINFT *PoolINFT) PackName() []byte {
	enc, err := poolINFT.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (poolINFT *PoolINFT) TryPackName() ([]byte, error) {
	return poolINFT.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (poolINFT *PoolINFT) UnpackName(data []byte) (string, error) {
	out, err := poolINFT.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackNextTokenId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75794a3c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nextTokenId() view returns(uint256)
func (poolINFT *PoolINFT) PackNextTokenId() []byte {
	enc, err := poolINFT.abi.Pack("nextTokenId")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNextTokenId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75794a3c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nextTokenId() view returns(uint256)
func (poolINFT *PoolINFT) TryPackNextTokenId() ([]byte, error) {
	return poolINFT.abi.Pack("nextTokenId")
}

// UnpackNextTokenId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x75794a3c.
//
// Solidity: function nextTokenId() view returns(uint256)
func (poolINFT *PoolINFT) UnpackNextTokenId(data []byte) (*big.Int, error) {
	out, err := poolINFT.abi.Unpack("nextTokenId", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (poolINFT *PoolINFT) PackOwner() []byte {
	enc, err := poolINFT.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (poolINFT *PoolINFT) TryPackOwner() ([]byte, error) {
	return poolINFT.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (poolINFT *PoolINFT) UnpackOwner(data []byte) (common.Address, error) {
	out, err := poolINFT.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (poolINFT *PoolINFT) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("ownerOf", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (poolINFT *PoolINFT) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (poolINFT *PoolINFT) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := poolINFT.abi.Unpack("ownerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (poolINFT *PoolINFT) PackRenounceOwnership() []byte {
	enc, err := poolINFT.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (poolINFT *PoolINFT) TryPackRenounceOwnership() ([]byte, error) {
	return poolINFT.abi.Pack("renounceOwnership")
}

// PackRevokeUsage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x57d89af0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeUsage(uint256 tokenId, address executor) returns()
func (poolINFT *PoolINFT) PackRevokeUsage(tokenId *big.Int, executor common.Address) []byte {
	enc, err := poolINFT.abi.Pack("revokeUsage", tokenId, executor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeUsage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x57d89af0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeUsage(uint256 tokenId, address executor) returns()
func (poolINFT *PoolINFT) TryPackRevokeUsage(tokenId *big.Int, executor common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("revokeUsage", tokenId, executor)
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (poolINFT *PoolINFT) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("safeTransferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (poolINFT *PoolINFT) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (poolINFT *PoolINFT) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := poolINFT.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (poolINFT *PoolINFT) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return poolINFT.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (poolINFT *PoolINFT) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := poolINFT.abi.Pack("setApprovalForAll", operator, approved)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (poolINFT *PoolINFT) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return poolINFT.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSetVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5437988d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setVerifier(address verifier_) returns()
func (poolINFT *PoolINFT) PackSetVerifier(verifier common.Address) []byte {
	enc, err := poolINFT.abi.Pack("setVerifier", verifier)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5437988d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setVerifier(address verifier_) returns()
func (poolINFT *PoolINFT) TryPackSetVerifier(verifier common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("setVerifier", verifier)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (poolINFT *PoolINFT) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := poolINFT.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (poolINFT *PoolINFT) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return poolINFT.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (poolINFT *PoolINFT) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := poolINFT.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (poolINFT *PoolINFT) PackSymbol() []byte {
	enc, err := poolINFT.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (poolINFT *PoolINFT) TryPackSymbol() ([]byte, error) {
	return poolINFT.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (poolINFT *PoolINFT) UnpackSymbol(data []byte) (string, error) {
	out, err := poolINFT.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTokenOfPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ae89127.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenOfPool(bytes32 poolId) view returns(uint256 tokenId)
func (poolINFT *PoolINFT) PackTokenOfPool(poolId [32]byte) []byte {
	enc, err := poolINFT.abi.Pack("tokenOfPool", poolId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenOfPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ae89127.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenOfPool(bytes32 poolId) view returns(uint256 tokenId)
func (poolINFT *PoolINFT) TryPackTokenOfPool(poolId [32]byte) ([]byte, error) {
	return poolINFT.abi.Pack("tokenOfPool", poolId)
}

// UnpackTokenOfPool is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0ae89127.
//
// Solidity: function tokenOfPool(bytes32 poolId) view returns(uint256 tokenId)
func (poolINFT *PoolINFT) UnpackTokenOfPool(data []byte) (*big.Int, error) {
	out, err := poolINFT.abi.Unpack("tokenOfPool", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (poolINFT *PoolINFT) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("tokenURI", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (poolINFT *PoolINFT) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (poolINFT *PoolINFT) UnpackTokenURI(data []byte) (string, error) {
	out, err := poolINFT.abi.Unpack("tokenURI", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTransferDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x588bd850.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferDigest(uint256 tokenId, address from, address to, bytes32 newDataHash, bytes sealedKey) view returns(bytes32)
func (poolINFT *PoolINFT) PackTransferDigest(tokenId *big.Int, from common.Address, to common.Address, newDataHash [32]byte, sealedKey []byte) []byte {
	enc, err := poolINFT.abi.Pack("transferDigest", tokenId, from, to, newDataHash, sealedKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x588bd850.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferDigest(uint256 tokenId, address from, address to, bytes32 newDataHash, bytes sealedKey) view returns(bytes32)
func (poolINFT *PoolINFT) TryPackTransferDigest(tokenId *big.Int, from common.Address, to common.Address, newDataHash [32]byte, sealedKey []byte) ([]byte, error) {
	return poolINFT.abi.Pack("transferDigest", tokenId, from, to, newDataHash, sealedKey)
}

// UnpackTransferDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x588bd850.
//
// Solidity: function transferDigest(uint256 tokenId, address from, address to, bytes32 newDataHash, bytes sealedKey) view returns(bytes32)
func (poolINFT *PoolINFT) UnpackTransferDigest(data []byte) ([32]byte, error) {
	out, err := poolINFT.abi.Unpack("transferDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (poolINFT *PoolINFT) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := poolINFT.abi.Pack("transferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (poolINFT *PoolINFT) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return poolINFT.abi.Pack("transferFrom", from, to, tokenId)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (poolINFT *PoolINFT) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := poolINFT.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (poolINFT *PoolINFT) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("transferOwnership", newOwner)
}

// PackTransferWithProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0da00a5c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferWithProof(address from, address to, uint256 tokenId, bytes32 newDataHash, bytes sealedKey, bytes proof) returns()
func (poolINFT *PoolINFT) PackTransferWithProof(from common.Address, to common.Address, tokenId *big.Int, newDataHash [32]byte, sealedKey []byte, proof []byte) []byte {
	enc, err := poolINFT.abi.Pack("transferWithProof", from, to, tokenId, newDataHash, sealedKey, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferWithProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0da00a5c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferWithProof(address from, address to, uint256 tokenId, bytes32 newDataHash, bytes sealedKey, bytes proof) returns()
func (poolINFT *PoolINFT) TryPackTransferWithProof(from common.Address, to common.Address, tokenId *big.Int, newDataHash [32]byte, sealedKey []byte, proof []byte) ([]byte, error) {
	return poolINFT.abi.Pack("transferWithProof", from, to, tokenId, newDataHash, sealedKey, proof)
}

// PackUsagePermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc572f4aa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function usagePermissions(uint256 tokenId, address executor) view returns(bytes)
func (poolINFT *PoolINFT) PackUsagePermissions(tokenId *big.Int, executor common.Address) []byte {
	enc, err := poolINFT.abi.Pack("usagePermissions", tokenId, executor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUsagePermissions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc572f4aa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function usagePermissions(uint256 tokenId, address executor) view returns(bytes)
func (poolINFT *PoolINFT) TryPackUsagePermissions(tokenId *big.Int, executor common.Address) ([]byte, error) {
	return poolINFT.abi.Pack("usagePermissions", tokenId, executor)
}

// UnpackUsagePermissions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc572f4aa.
//
// Solidity: function usagePermissions(uint256 tokenId, address executor) view returns(bytes)
func (poolINFT *PoolINFT) UnpackUsagePermissions(data []byte) ([]byte, error) {
	out, err := poolINFT.abi.Unpack("usagePermissions", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifier() view returns(address)
func (poolINFT *PoolINFT) PackVerifier() []byte {
	enc, err := poolINFT.abi.Pack("verifier")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifier() view returns(address)
func (poolINFT *PoolINFT) TryPackVerifier() ([]byte, error) {
	return poolINFT.abi.Pack("verifier")
}

// UnpackVerifier is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (poolINFT *PoolINFT) UnpackVerifier(data []byte) (common.Address, error) {
	out, err := poolINFT.abi.Unpack("verifier", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PoolINFTApproval represents a Approval event raised by the PoolINFT contract.
type PoolINFTApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const PoolINFTApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (PoolINFTApproval) ContractEventName() string {
	return PoolINFTApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (poolINFT *PoolINFT) UnpackApprovalEvent(log *types.Log) (*PoolINFTApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTApproval)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTApprovalForAll represents a ApprovalForAll event raised by the PoolINFT contract.
type PoolINFTApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const PoolINFTApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (PoolINFTApprovalForAll) ContractEventName() string {
	return PoolINFTApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (poolINFT *PoolINFT) UnpackApprovalForAllEvent(log *types.Log) (*PoolINFTApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTApprovalForAll)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTMinted represents a Minted event raised by the PoolINFT contract.
type PoolINFTMinted struct {
	TokenId  *big.Int
	PoolId   [32]byte
	Owner    common.Address
	DataHash [32]byte
	Raw      *types.Log // Blockchain specific contextual infos
}

const PoolINFTMintedEventName = "Minted"

// ContractEventName returns the user-defined event name.
func (PoolINFTMinted) ContractEventName() string {
	return PoolINFTMintedEventName
}

// UnpackMintedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Minted(uint256 indexed tokenId, bytes32 indexed poolId, address indexed owner, bytes32 dataHash)
func (poolINFT *PoolINFT) UnpackMintedEvent(log *types.Log) (*PoolINFTMinted, error) {
	event := "Minted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTMinted)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTOwnershipTransferred represents a OwnershipTransferred event raised by the PoolINFT contract.
type PoolINFTOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const PoolINFTOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (PoolINFTOwnershipTransferred) ContractEventName() string {
	return PoolINFTOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (poolINFT *PoolINFT) UnpackOwnershipTransferredEvent(log *types.Log) (*PoolINFTOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTPublishedSealedKey represents a PublishedSealedKey event raised by the PoolINFT contract.
type PoolINFTPublishedSealedKey struct {
	To        common.Address
	TokenId   *big.Int
	SealedKey []byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const PoolINFTPublishedSealedKeyEventName = "PublishedSealedKey"

// ContractEventName returns the user-defined event name.
func (PoolINFTPublishedSealedKey) ContractEventName() string {
	return PoolINFTPublishedSealedKeyEventName
}

// UnpackPublishedSealedKeyEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PublishedSealedKey(address indexed to, uint256 indexed tokenId, bytes sealedKey)
func (poolINFT *PoolINFT) UnpackPublishedSealedKeyEvent(log *types.Log) (*PoolINFTPublishedSealedKey, error) {
	event := "PublishedSealedKey"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTPublishedSealedKey)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTTransfer represents a Transfer event raised by the PoolINFT contract.
type PoolINFTTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PoolINFTTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (PoolINFTTransfer) ContractEventName() string {
	return PoolINFTTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (poolINFT *PoolINFT) UnpackTransferEvent(log *types.Log) (*PoolINFTTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTTransfer)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTTransferred represents a Transferred event raised by the PoolINFT contract.
type PoolINFTTransferred struct {
	TokenId     *big.Int
	From        common.Address
	To          common.Address
	NewDataHash [32]byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const PoolINFTTransferredEventName = "Transferred"

// ContractEventName returns the user-defined event name.
func (PoolINFTTransferred) ContractEventName() string {
	return PoolINFTTransferredEventName
}

// UnpackTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transferred(uint256 indexed tokenId, address indexed from, address indexed to, bytes32 newDataHash)
func (poolINFT *PoolINFT) UnpackTransferredEvent(log *types.Log) (*PoolINFTTransferred, error) {
	event := "Transferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTTransferred)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTUsageAuthorized represents a UsageAuthorized event raised by the PoolINFT contract.
type PoolINFTUsageAuthorized struct {
	TokenId     *big.Int
	Executor    common.Address
	Permissions []byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const PoolINFTUsageAuthorizedEventName = "UsageAuthorized"

// ContractEventName returns the user-defined event name.
func (PoolINFTUsageAuthorized) ContractEventName() string {
	return PoolINFTUsageAuthorizedEventName
}

// UnpackUsageAuthorizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UsageAuthorized(uint256 indexed tokenId, address indexed executor, bytes permissions)
func (poolINFT *PoolINFT) UnpackUsageAuthorizedEvent(log *types.Log) (*PoolINFTUsageAuthorized, error) {
	event := "UsageAuthorized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTUsageAuthorized)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTUsageRevoked represents a UsageRevoked event raised by the PoolINFT contract.
type PoolINFTUsageRevoked struct {
	TokenId  *big.Int
	Executor common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const PoolINFTUsageRevokedEventName = "UsageRevoked"

// ContractEventName returns the user-defined event name.
func (PoolINFTUsageRevoked) ContractEventName() string {
	return PoolINFTUsageRevokedEventName
}

// UnpackUsageRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UsageRevoked(uint256 indexed tokenId, address indexed executor)
func (poolINFT *PoolINFT) UnpackUsageRevokedEvent(log *types.Log) (*PoolINFTUsageRevoked, error) {
	event := "UsageRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTUsageRevoked)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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

// PoolINFTVerifierChanged represents a VerifierChanged event raised by the PoolINFT contract.
type PoolINFTVerifierChanged struct {
	Verifier common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const PoolINFTVerifierChangedEventName = "VerifierChanged"

// ContractEventName returns the user-defined event name.
func (PoolINFTVerifierChanged) ContractEventName() string {
	return PoolINFTVerifierChangedEventName
}

// UnpackVerifierChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierChanged(address indexed verifier)
func (poolINFT *PoolINFT) UnpackVerifierChangedEvent(log *types.Log) (*PoolINFTVerifierChanged, error) {
	event := "VerifierChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != poolINFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PoolINFTVerifierChanged)
	if len(log.Data) > 0 {
		if err := poolINFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range poolINFT.abi.Events[event].Inputs {
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
func (poolINFT *PoolINFT) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return poolINFT.UnpackERC721NonexistentTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["EmptySealedKey"].ID.Bytes()[:4]) {
		return poolINFT.UnpackEmptySealedKeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["InvalidTransferProof"].ID.Bytes()[:4]) {
		return poolINFT.UnpackInvalidTransferProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["NotTokenOwner"].ID.Bytes()[:4]) {
		return poolINFT.UnpackNotTokenOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return poolINFT.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return poolINFT.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["PlainTransferDisabled"].ID.Bytes()[:4]) {
		return poolINFT.UnpackPlainTransferDisabledError(raw[4:])
	}
	if bytes.Equal(raw[:4], poolINFT.abi.Errors["PoolAlreadyMinted"].ID.Bytes()[:4]) {
		return poolINFT.UnpackPoolAlreadyMintedError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PoolINFTERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the PoolINFT contract.
type PoolINFTERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func PoolINFTERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (poolINFT *PoolINFT) UnpackERC721IncorrectOwnerError(raw []byte) (*PoolINFTERC721IncorrectOwner, error) {
	out := new(PoolINFTERC721IncorrectOwner)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the PoolINFT contract.
type PoolINFTERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func PoolINFTERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (poolINFT *PoolINFT) UnpackERC721InsufficientApprovalError(raw []byte) (*PoolINFTERC721InsufficientApproval, error) {
	out := new(PoolINFTERC721InsufficientApproval)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721InvalidApprover represents a ERC721InvalidApprover error raised by the PoolINFT contract.
type PoolINFTERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func PoolINFTERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (poolINFT *PoolINFT) UnpackERC721InvalidApproverError(raw []byte) (*PoolINFTERC721InvalidApprover, error) {
	out := new(PoolINFTERC721InvalidApprover)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721InvalidOperator represents a ERC721InvalidOperator error raised by the PoolINFT contract.
type PoolINFTERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func PoolINFTERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (poolINFT *PoolINFT) UnpackERC721InvalidOperatorError(raw []byte) (*PoolINFTERC721InvalidOperator, error) {
	out := new(PoolINFTERC721InvalidOperator)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721InvalidOwner represents a ERC721InvalidOwner error raised by the PoolINFT contract.
type PoolINFTERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func PoolINFTERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (poolINFT *PoolINFT) UnpackERC721InvalidOwnerError(raw []byte) (*PoolINFTERC721InvalidOwner, error) {
	out := new(PoolINFTERC721InvalidOwner)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the PoolINFT contract.
type PoolINFTERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func PoolINFTERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (poolINFT *PoolINFT) UnpackERC721InvalidReceiverError(raw []byte) (*PoolINFTERC721InvalidReceiver, error) {
	out := new(PoolINFTERC721InvalidReceiver)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721InvalidSender represents a ERC721InvalidSender error raised by the PoolINFT contract.
type PoolINFTERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func PoolINFTERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (poolINFT *PoolINFT) UnpackERC721InvalidSenderError(raw []byte) (*PoolINFTERC721InvalidSender, error) {
	out := new(PoolINFTERC721InvalidSender)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTERC721NonexistentToken represents a ERC721NonexistentToken error raised by the PoolINFT contract.
type PoolINFTERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func PoolINFTERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (poolINFT *PoolINFT) UnpackERC721NonexistentTokenError(raw []byte) (*PoolINFTERC721NonexistentToken, error) {
	out := new(PoolINFTERC721NonexistentToken)
	if err := poolINFT.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTEmptySealedKey represents a EmptySealedKey error raised by the PoolINFT contract.
type PoolINFTEmptySealedKey struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptySealedKey()
func PoolINFTEmptySealedKeyErrorID() common.Hash {
	return common.HexToHash("0x626d54e519acb810ffd1aadd19249758652edd6bdeece47e5789130c527747f6")
}

// UnpackEmptySealedKeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptySealedKey()
func (poolINFT *PoolINFT) UnpackEmptySealedKeyError(raw []byte) (*PoolINFTEmptySealedKey, error) {
	out := new(PoolINFTEmptySealedKey)
	if err := poolINFT.abi.UnpackIntoInterface(out, "EmptySealedKey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTInvalidTransferProof represents a InvalidTransferProof error raised by the PoolINFT contract.
type PoolINFTInvalidTransferProof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidTransferProof()
func PoolINFTInvalidTransferProofErrorID() common.Hash {
	return common.HexToHash("0x80300d84b697bcbfd074bdb6a8560d4eb828b398a1c34f5c289d446e25e497d7")
}

// UnpackInvalidTransferProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidTransferProof()
func (poolINFT *PoolINFT) UnpackInvalidTransferProofError(raw []byte) (*PoolINFTInvalidTransferProof, error) {
	out := new(PoolINFTInvalidTransferProof)
	if err := poolINFT.abi.UnpackIntoInterface(out, "InvalidTransferProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTNotTokenOwner represents a NotTokenOwner error raised by the PoolINFT contract.
type PoolINFTNotTokenOwner struct {
	Caller  common.Address
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotTokenOwner(address caller, uint256 tokenId)
func PoolINFTNotTokenOwnerErrorID() common.Hash {
	return common.HexToHash("0x58a5e22247c63c06168bede23ff0dca4f9a745245cec8db2184a8ca2e392c813")
}

// UnpackNotTokenOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotTokenOwner(address caller, uint256 tokenId)
func (poolINFT *PoolINFT) UnpackNotTokenOwnerError(raw []byte) (*PoolINFTNotTokenOwner, error) {
	out := new(PoolINFTNotTokenOwner)
	if err := poolINFT.abi.UnpackIntoInterface(out, "NotTokenOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the PoolINFT contract.
type PoolINFTOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func PoolINFTOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (poolINFT *PoolINFT) UnpackOwnableInvalidOwnerError(raw []byte) (*PoolINFTOwnableInvalidOwner, error) {
	out := new(PoolINFTOwnableInvalidOwner)
	if err := poolINFT.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the PoolINFT contract.
type PoolINFTOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func PoolINFTOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (poolINFT *PoolINFT) UnpackOwnableUnauthorizedAccountError(raw []byte) (*PoolINFTOwnableUnauthorizedAccount, error) {
	out := new(PoolINFTOwnableUnauthorizedAccount)
	if err := poolINFT.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTPlainTransferDisabled represents a PlainTransferDisabled error raised by the PoolINFT contract.
type PoolINFTPlainTransferDisabled struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PlainTransferDisabled()
func PoolINFTPlainTransferDisabledErrorID() common.Hash {
	return common.HexToHash("0x69e5a81eead36f45dddfe4b6e0d518f1b2ee8d2d1476aca45d4f406cbe7bed73")
}

// UnpackPlainTransferDisabledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PlainTransferDisabled()
func (poolINFT *PoolINFT) UnpackPlainTransferDisabledError(raw []byte) (*PoolINFTPlainTransferDisabled, error) {
	out := new(PoolINFTPlainTransferDisabled)
	if err := poolINFT.abi.UnpackIntoInterface(out, "PlainTransferDisabled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PoolINFTPoolAlreadyMinted represents a PoolAlreadyMinted error raised by the PoolINFT contract.
type PoolINFTPoolAlreadyMinted struct {
	PoolId  [32]byte
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PoolAlreadyMinted(bytes32 poolId, uint256 tokenId)
func PoolINFTPoolAlreadyMintedErrorID() common.Hash {
	return common.HexToHash("0x8a930907d057686d757d126014e637d7f1870fc52b7b6b11aead061634152fdf")
}

// UnpackPoolAlreadyMintedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PoolAlreadyMinted(bytes32 poolId, uint256 tokenId)
func (poolINFT *PoolINFT) UnpackPoolAlreadyMintedError(raw []byte) (*PoolINFTPoolAlreadyMinted, error) {
	out := new(PoolINFTPoolAlreadyMinted)
	if err := poolINFT.abi.UnpackIntoInterface(out, "PoolAlreadyMinted", raw); err != nil {
		return nil, err
	}
	return out, nil
}
