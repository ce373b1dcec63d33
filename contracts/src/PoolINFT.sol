// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title PoolINFT
/// @notice One token per pool, ERC-7857 style ("INFT"): the pool's metadata
/// (model, shard layout, endpoints) lives encrypted in a content-addressed
/// store; the token carries the hash of that blob and the blob's key sealed
/// to the owner's public key. Plain ERC-721 transfers are disabled: a
/// transfer must carry a re-sealed key and a new data hash, attested by the
/// verifier (an oracle or TEE that re-encrypts the blob for the new owner)
/// with an EIP-712 signature that names the old and new state, so a proof
/// cannot be replayed. The owner may authorize executors to use the pool
/// without owning it.
/// (EIP-712 is hashed here rather than through OpenZeppelin's EIP712 so the
/// Go bindings, one package for all contracts, keep one eip712Domain type.)
contract PoolINFT is ERC721, Ownable {
    bytes32 public constant TRANSFER_VALIDITY_TYPEHASH = keccak256(
        "TransferValidity(uint256 tokenId,address from,address to,bytes32 oldDataHash,bytes32 newDataHash,bytes32 sealedKeyHash,uint256 nonce)"
    );

    struct Metadata {
        bytes32 poolId;
        bytes32 dataHash; // content address of the encrypted metadata blob
        bytes sealedKey; // the blob's key, encrypted to the owner
        uint256 nonce; // transfers so far; part of every proof
    }

    /// @notice EIP-712 domain {name "PoolINFT", version "1", chainId, this contract}.
    bytes32 public immutable DOMAIN_SEPARATOR;
    address public verifier;
    uint256 public nextTokenId = 1;

    mapping(uint256 tokenId => Metadata) private _metadata;
    mapping(uint256 tokenId => mapping(address executor => bytes permissions)) private _usage;
    mapping(uint256 tokenId => address[]) private _executors;
    mapping(bytes32 poolId => uint256 tokenId) public tokenOfPool;
    bool private _transferring;

    event Minted(uint256 indexed tokenId, bytes32 indexed poolId, address indexed owner, bytes32 dataHash);
    event Transferred(uint256 indexed tokenId, address indexed from, address indexed to, bytes32 newDataHash);
    event PublishedSealedKey(address indexed to, uint256 indexed tokenId, bytes sealedKey);
    event UsageAuthorized(uint256 indexed tokenId, address indexed executor, bytes permissions);
    event UsageRevoked(uint256 indexed tokenId, address indexed executor);
    event VerifierChanged(address indexed verifier);

    error PlainTransferDisabled();
    error PoolAlreadyMinted(bytes32 poolId, uint256 tokenId);
    error InvalidTransferProof();
    error NotTokenOwner(address caller, uint256 tokenId);
    error EmptySealedKey();

    constructor(address owner_, address verifier_) ERC721("ComputePool INFT", "CPINFT") Ownable(owner_) {
        DOMAIN_SEPARATOR = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("PoolINFT"),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
        verifier = verifier_;
        emit VerifierChanged(verifier_);
    }

    function setVerifier(address verifier_) external onlyOwner {
        verifier = verifier_;
        emit VerifierChanged(verifier_);
    }

    /// @notice Mints the token of `poolId` to `to`, with the key sealed to `to`.
    function mint(address to, bytes32 poolId, bytes32 dataHash, bytes calldata sealedKey)
        external
        onlyOwner
        returns (uint256 tokenId)
    {
        if (tokenOfPool[poolId] != 0) revert PoolAlreadyMinted(poolId, tokenOfPool[poolId]);
        if (sealedKey.length == 0) revert EmptySealedKey();
        tokenId = nextTokenId++;
        tokenOfPool[poolId] = tokenId;
        _metadata[tokenId] = Metadata({poolId: poolId, dataHash: dataHash, sealedKey: sealedKey, nonce: 0});
        _safeMint(to, tokenId);
        emit Minted(tokenId, poolId, to, dataHash);
        emit PublishedSealedKey(to, tokenId, sealedKey);
    }

    function metadata(uint256 tokenId) external view returns (Metadata memory) {
        _requireOwned(tokenId);
        return _metadata[tokenId];
    }

    /// @notice The EIP-712 digest the verifier signs for a transfer.
    function transferDigest(uint256 tokenId, address from, address to, bytes32 newDataHash, bytes calldata sealedKey)
        public
        view
        returns (bytes32)
    {
        Metadata storage m = _metadata[tokenId];
        return MessageHashUtils.toTypedDataHash(
            DOMAIN_SEPARATOR,
            keccak256(
                abi.encode(
                    TRANSFER_VALIDITY_TYPEHASH, tokenId, from, to, m.dataHash, newDataHash, keccak256(sealedKey), m.nonce
                )
            )
        );
    }

    /// @notice ERC-7857 transfer: moves the token with the metadata
    /// re-encrypted for `to` (new data hash, key sealed to `to`), as attested
    /// by the verifier's `proof`. Clears usage authorizations.
    function transferWithProof(address from, address to, uint256 tokenId, bytes32 newDataHash, bytes calldata sealedKey, bytes calldata proof)
        external
    {
        if (!_isAuthorized(from, msg.sender, tokenId) || ownerOf(tokenId) != from) {
            revert NotTokenOwner(msg.sender, tokenId);
        }
        if (sealedKey.length == 0) revert EmptySealedKey();
        bytes32 digest = transferDigest(tokenId, from, to, newDataHash, sealedKey);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, proof);
        if (err != ECDSA.RecoverError.NoError || signer != verifier) revert InvalidTransferProof();

        Metadata storage m = _metadata[tokenId];
        m.dataHash = newDataHash;
        m.sealedKey = sealedKey;
        m.nonce += 1;
        _clearUsage(tokenId);
        _transferring = true;
        _transfer(from, to, tokenId); // no receiver callback while plain transfers are open
        _transferring = false;
        emit Transferred(tokenId, from, to, newDataHash);
        emit PublishedSealedKey(to, tokenId, sealedKey);
    }

    /// @notice Lets `executor` use the pool (e.g. serve or bill through it)
    /// without owning it; `permissions` is opaque to the contract.
    function authorizeUsage(uint256 tokenId, address executor, bytes calldata permissions) external {
        if (ownerOf(tokenId) != msg.sender) revert NotTokenOwner(msg.sender, tokenId);
        if (_usage[tokenId][executor].length == 0) _executors[tokenId].push(executor);
        _usage[tokenId][executor] = permissions.length == 0 ? bytes("\x01") : permissions;
        emit UsageAuthorized(tokenId, executor, permissions);
    }

    function revokeUsage(uint256 tokenId, address executor) external {
        if (ownerOf(tokenId) != msg.sender) revert NotTokenOwner(msg.sender, tokenId);
        delete _usage[tokenId][executor];
        emit UsageRevoked(tokenId, executor);
    }

    function isAuthorizedUser(uint256 tokenId, address executor) external view returns (bool) {
        return _usage[tokenId][executor].length != 0;
    }

    function usagePermissions(uint256 tokenId, address executor) external view returns (bytes memory) {
        return _usage[tokenId][executor];
    }

    function _clearUsage(uint256 tokenId) private {
        address[] storage list = _executors[tokenId];
        for (uint256 i = 0; i < list.length; i++) {
            if (_usage[tokenId][list[i]].length != 0) {
                delete _usage[tokenId][list[i]];
                emit UsageRevoked(tokenId, list[i]);
            }
        }
        delete _executors[tokenId];
    }

    /// @dev Mint and transferWithProof only: a plain transfer would hand the
    /// token over with a key the new owner cannot open.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0) && !_transferring) revert PlainTransferDisabled();
        return super._update(to, tokenId, auth);
    }
}
