// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Coalition
/// @notice Providers stake the payment token to join a pool's coalition. A
/// pool becomes active once its total stake reaches the threshold. The pool's
/// arbiter slashes a provider for a proven fault, naming the evidence by its
/// hash: part of the slashed amount goes to the harmed party, the rest to the
/// pool's treasury; the same evidence never slashes twice. Stake leaves only
/// through a withdrawal request that unlocks after the pool's delay, and stays
/// slashable until it is withdrawn.
contract Coalition is ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint16 public constant BPS = 10_000;

    struct Pool {
        address arbiter;
        address treasury;
        uint256 threshold;
        uint256 totalStake; // active stake (excludes pending withdrawals)
        uint64 withdrawDelay;
        uint16 harmedShareBps;
        bool active;
        bool exists;
    }

    struct Member {
        uint256 stake;
        uint256 pending; // requested for withdrawal, still slashable
        uint64 unlockAt;
    }

    IERC20 public immutable token;

    mapping(bytes32 poolId => Pool) private _pools;
    mapping(bytes32 poolId => mapping(address provider => Member)) private _members;
    mapping(bytes32 poolId => mapping(bytes32 evidence => bool used)) public evidenceUsed;

    event PoolCreated(
        bytes32 indexed poolId,
        address indexed arbiter,
        address treasury,
        uint256 threshold,
        uint64 withdrawDelay,
        uint16 harmedShareBps
    );
    event Staked(bytes32 indexed poolId, address indexed provider, uint256 amount, uint256 providerStake, uint256 totalStake);
    event Activated(bytes32 indexed poolId, uint256 totalStake);
    event Deactivated(bytes32 indexed poolId, uint256 totalStake);
    event WithdrawalRequested(bytes32 indexed poolId, address indexed provider, uint256 amount, uint64 unlockAt);
    event Withdrawn(bytes32 indexed poolId, address indexed provider, uint256 amount);
    event Slashed(
        bytes32 indexed poolId,
        address indexed provider,
        bytes32 indexed evidence,
        uint256 amount,
        address harmed,
        uint256 harmedAmount,
        uint256 treasuryAmount
    );

    error PoolExists(bytes32 poolId);
    error UnknownPool(bytes32 poolId);
    error InvalidPoolConfig(string reason);
    error ZeroAmount();
    error NotArbiter(address caller, address arbiter);
    error EvidenceAlreadyUsed(bytes32 poolId, bytes32 evidence);
    error InsufficientStake(uint256 requested, uint256 available);
    error WithdrawalLocked(uint64 unlockAt, uint256 blockTime);
    error NothingToWithdraw();

    constructor(IERC20 token_) {
        token = token_;
    }

    /// @notice Opens a pool's coalition. The caller chooses the arbiter (who
    /// may slash) and the treasury (which receives what the harmed party does not).
    function createPool(
        bytes32 poolId,
        address arbiter,
        address treasury,
        uint256 threshold,
        uint64 withdrawDelay,
        uint16 harmedShareBps
    ) external {
        if (_pools[poolId].exists) revert PoolExists(poolId);
        if (arbiter == address(0)) revert InvalidPoolConfig("arbiter is the zero address");
        if (treasury == address(0)) revert InvalidPoolConfig("treasury is the zero address");
        if (threshold == 0) revert InvalidPoolConfig("threshold is zero");
        if (harmedShareBps > BPS) revert InvalidPoolConfig("harmed share above 10000 bps");
        _pools[poolId] = Pool({
            arbiter: arbiter,
            treasury: treasury,
            threshold: threshold,
            totalStake: 0,
            withdrawDelay: withdrawDelay,
            harmedShareBps: harmedShareBps,
            active: false,
            exists: true
        });
        emit PoolCreated(poolId, arbiter, treasury, threshold, withdrawDelay, harmedShareBps);
    }

    function pool(bytes32 poolId) external view returns (Pool memory) {
        return _pools[poolId];
    }

    function member(bytes32 poolId, address provider) external view returns (Member memory) {
        return _members[poolId][provider];
    }

    function isActive(bytes32 poolId) external view returns (bool) {
        return _pools[poolId].active;
    }

    function stake(bytes32 poolId, uint256 amount) external nonReentrant {
        Pool storage p = _existing(poolId);
        if (amount == 0) revert ZeroAmount();
        token.safeTransferFrom(msg.sender, address(this), amount);
        Member storage m = _members[poolId][msg.sender];
        m.stake += amount;
        p.totalStake += amount;
        emit Staked(poolId, msg.sender, amount, m.stake, p.totalStake);
        _updateActive(poolId, p);
    }

    /// @notice Moves `amount` of the caller's stake to a pending withdrawal
    /// that unlocks after the pool's delay (a new request restarts the delay).
    function requestWithdrawal(bytes32 poolId, uint256 amount) external {
        Pool storage p = _existing(poolId);
        if (amount == 0) revert ZeroAmount();
        Member storage m = _members[poolId][msg.sender];
        if (amount > m.stake) revert InsufficientStake(amount, m.stake);
        m.stake -= amount;
        m.pending += amount;
        m.unlockAt = uint64(block.timestamp) + p.withdrawDelay;
        p.totalStake -= amount;
        emit WithdrawalRequested(poolId, msg.sender, amount, m.unlockAt);
        _updateActive(poolId, p);
    }

    function withdraw(bytes32 poolId) external nonReentrant {
        _existing(poolId);
        Member storage m = _members[poolId][msg.sender];
        uint256 amount = m.pending;
        if (amount == 0) revert NothingToWithdraw();
        if (block.timestamp < m.unlockAt) revert WithdrawalLocked(m.unlockAt, block.timestamp);
        m.pending = 0;
        emit Withdrawn(poolId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Slashes `amount` from `provider` (active stake first, then the
    /// pending withdrawal) for the fault proven by `evidence`.
    function slash(bytes32 poolId, address provider, uint256 amount, bytes32 evidence, address harmed)
        external
        nonReentrant
    {
        Pool storage p = _existing(poolId);
        if (msg.sender != p.arbiter) revert NotArbiter(msg.sender, p.arbiter);
        if (amount == 0) revert ZeroAmount();
        if (evidenceUsed[poolId][evidence]) revert EvidenceAlreadyUsed(poolId, evidence);
        Member storage m = _members[poolId][provider];
        uint256 available = m.stake + m.pending;
        if (amount > available) revert InsufficientStake(amount, available);
        evidenceUsed[poolId][evidence] = true;

        uint256 fromStake = amount <= m.stake ? amount : m.stake;
        m.stake -= fromStake;
        p.totalStake -= fromStake;
        m.pending -= amount - fromStake;

        uint256 harmedAmount = harmed == address(0) ? 0 : (amount * p.harmedShareBps) / BPS;
        uint256 treasuryAmount = amount - harmedAmount;
        emit Slashed(poolId, provider, evidence, amount, harmed, harmedAmount, treasuryAmount);
        _updateActive(poolId, p);
        if (harmedAmount > 0) token.safeTransfer(harmed, harmedAmount);
        if (treasuryAmount > 0) token.safeTransfer(p.treasury, treasuryAmount);
    }

    function _existing(bytes32 poolId) private view returns (Pool storage p) {
        p = _pools[poolId];
        if (!p.exists) revert UnknownPool(poolId);
    }

    function _updateActive(bytes32 poolId, Pool storage p) private {
        bool nowActive = p.totalStake >= p.threshold;
        if (nowActive == p.active) return;
        p.active = nowActive;
        if (nowActive) emit Activated(poolId, p.totalStake);
        else emit Deactivated(poolId, p.totalStake);
    }
}
