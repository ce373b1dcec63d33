// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title PaymentStreams
/// @notice Per-second payment streams with Superfluid's CFAv1Forwarder
/// interface and semantics, over deposits of one plain ERC-20 (the token x402
/// pays in) instead of a wrapped SuperToken. Every forwarder call takes the
/// token as its first argument, as Superfluid's does; it must be this
/// contract's token.
///
/// Accounting: each account has a balance settled at a timestamp and a net
/// flow rate; its real-time balance is settled + netFlowrate × elapsed. A flow
/// locks a buffer deposit (flowrate × liquidationPeriod) from the sender. A
/// sender whose available balance (real-time balance minus deposits) is
/// negative is critical: anyone may then delete its flows and earns the
/// flow's share of what is left of the sender's buffer as the reward. Balances are
/// zero-sum: the sum of all real-time balances always equals the tokens this
/// contract holds. A sender left unliquidated past its buffer goes negative
/// (Superfluid covers that from a reward account; here it is a debt the
/// sender must deposit before anything else).
contract PaymentStreams is ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    uint8 public constant AUTHORIZE_FLOW_OPERATOR_CREATE = 1 << 0;
    uint8 public constant AUTHORIZE_FLOW_OPERATOR_UPDATE = 1 << 1;
    uint8 public constant AUTHORIZE_FLOW_OPERATOR_DELETE = 1 << 2;
    uint8 public constant AUTHORIZE_FULL_CONTROL =
        AUTHORIZE_FLOW_OPERATOR_CREATE | AUTHORIZE_FLOW_OPERATOR_UPDATE | AUTHORIZE_FLOW_OPERATOR_DELETE;

    struct Account {
        int256 settledBalance;
        uint64 settledAt;
        int96 netFlowrate;
        uint256 deposit;
    }

    struct Flow {
        uint64 lastUpdated;
        int96 flowrate;
        uint256 deposit;
    }

    struct OperatorData {
        uint8 permissions;
        int96 flowrateAllowance;
    }

    IERC20 public immutable token;
    /// @notice Seconds of flow a sender's buffer covers (Superfluid's liquidation period).
    uint256 public immutable liquidationPeriod;

    mapping(address account => Account) private _accounts;
    mapping(bytes32 flowId => Flow) private _flows;
    mapping(address sender => mapping(address operator => OperatorData)) private _operators;

    /// @dev Same shape as Superfluid's CFA event.
    event FlowUpdated(
        address indexed token,
        address indexed sender,
        address indexed receiver,
        int96 flowRate,
        int256 totalSenderFlowRate,
        int256 totalReceiverFlowRate,
        bytes userData
    );
    event FlowUpdatedExtension(address indexed flowOperator, uint256 deposit);
    event FlowOperatorUpdated(
        address indexed token, address indexed sender, address indexed flowOperator, uint8 permissions, int96 flowRateAllowance
    );
    event FlowLiquidated(
        address indexed sender, address indexed receiver, address indexed liquidator, uint256 reward, int256 senderBalance
    );
    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    error UnsupportedToken(address token, address expected);
    error InvalidFlowrate(int96 flowrate);
    error FlowToSelf(address account);
    error ZeroAddress();
    error FlowExists(address sender, address receiver);
    error FlowNotFound(address sender, address receiver);
    error InsufficientBalance(address account, int256 available, uint256 required);
    error NotAuthorized(address caller, address sender, uint8 permission);
    error FlowrateAllowanceExceeded(int96 allowance, int96 requested);
    error InvalidPermissions(uint8 permissions);
    error ZeroAmount();

    constructor(IERC20 token_, uint256 liquidationPeriod_) {
        token = token_;
        liquidationPeriod = liquidationPeriod_;
    }

    // ---- deposits -------------------------------------------------------

    /// @notice Moves `amount` of the token from the caller into its stream balance.
    function deposit(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        token.safeTransferFrom(msg.sender, address(this), amount);
        _accounts[msg.sender].settledBalance += amount.toInt256();
        emit Deposited(msg.sender, amount);
    }

    /// @notice Pays out `amount` of the caller's available balance.
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Account storage a = _settle(msg.sender);
        int256 available = a.settledBalance - a.deposit.toInt256();
        if (available < amount.toInt256()) revert InsufficientBalance(msg.sender, available, amount);
        a.settledBalance -= amount.toInt256();
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---- real-time balances (SuperToken-style) ----------------------------

    /// @notice Balance at `timestamp` minus locked deposits (may be negative),
    /// the locked deposit, and the owed deposit (always 0 here).
    function realtimeBalanceOf(address account, uint256 timestamp)
        public
        view
        returns (int256 availableBalance, uint256 deposit_, uint256 owedDeposit)
    {
        Account storage a = _accounts[account];
        availableBalance = _balanceAt(a, timestamp) - a.deposit.toInt256();
        return (availableBalance, a.deposit, 0);
    }

    function realtimeBalanceOfNow(address account)
        external
        view
        returns (int256 availableBalance, uint256 deposit_, uint256 owedDeposit, uint256 timestamp)
    {
        (availableBalance, deposit_, owedDeposit) = realtimeBalanceOf(account, block.timestamp);
        return (availableBalance, deposit_, owedDeposit, block.timestamp);
    }

    /// @notice Real-time balance including the locked deposit (what the
    /// account would own if all its flows stopped now).
    function totalBalanceOf(address account) external view returns (int256) {
        return _balanceAt(_accounts[account], block.timestamp);
    }

    /// @notice Available balance, floored at zero (as SuperToken.balanceOf).
    function balanceOf(address account) external view returns (uint256) {
        (int256 available,,) = realtimeBalanceOf(account, block.timestamp);
        return available < 0 ? 0 : uint256(available);
    }

    function isAccountCritical(address account, uint256 timestamp) public view returns (bool) {
        (int256 available,,) = realtimeBalanceOf(account, timestamp);
        return available < 0;
    }

    function isAccountCriticalNow(address account) external view returns (bool) {
        return isAccountCritical(account, block.timestamp);
    }

    // ---- CFAv1Forwarder interface -----------------------------------------

    function setFlowrate(address token_, address receiver, int96 flowrate) external returns (bool) {
        return _setFlowrateFrom(token_, msg.sender, receiver, flowrate);
    }

    function setFlowrateFrom(address token_, address sender, address receiver, int96 flowrate)
        external
        returns (bool)
    {
        return _setFlowrateFrom(token_, sender, receiver, flowrate);
    }

    function getFlowrate(address token_, address sender, address receiver) external view returns (int96) {
        _checkToken(token_);
        return _flows[_flowId(sender, receiver)].flowrate;
    }

    function getFlowInfo(address token_, address sender, address receiver)
        external
        view
        returns (uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
    {
        _checkToken(token_);
        Flow storage f = _flows[_flowId(sender, receiver)];
        return (f.lastUpdated, f.flowrate, f.deposit, 0);
    }

    function getBufferAmountByFlowrate(address token_, int96 flowrate) external view returns (uint256) {
        _checkToken(token_);
        if (flowrate < 0) revert InvalidFlowrate(flowrate);
        return _buffer(flowrate);
    }

    function getAccountFlowrate(address token_, address account) external view returns (int96) {
        _checkToken(token_);
        return _accounts[account].netFlowrate;
    }

    function getAccountFlowInfo(address token_, address account)
        external
        view
        returns (uint256 lastUpdated, int96 flowrate, uint256 deposit_, uint256 owedDeposit)
    {
        _checkToken(token_);
        Account storage a = _accounts[account];
        return (a.settledAt, a.netFlowrate, a.deposit, 0);
    }

    function createFlow(address token_, address sender, address receiver, int96 flowrate, bytes memory userData)
        external
        returns (bool)
    {
        _checkToken(token_);
        if (_flows[_flowId(sender, receiver)].flowrate != 0) revert FlowExists(sender, receiver);
        if (flowrate <= 0) revert InvalidFlowrate(flowrate);
        _authorize(sender, AUTHORIZE_FLOW_OPERATOR_CREATE, flowrate);
        _updateFlow(sender, receiver, flowrate, userData);
        return true;
    }

    function updateFlow(address token_, address sender, address receiver, int96 flowrate, bytes memory userData)
        external
        returns (bool)
    {
        _checkToken(token_);
        int96 current = _flows[_flowId(sender, receiver)].flowrate;
        if (current == 0) revert FlowNotFound(sender, receiver);
        if (flowrate <= 0) revert InvalidFlowrate(flowrate);
        _authorize(sender, AUTHORIZE_FLOW_OPERATOR_UPDATE, flowrate > current ? flowrate - current : int96(0));
        _updateFlow(sender, receiver, flowrate, userData);
        return true;
    }

    /// @notice Deletes a flow. The sender, the receiver and a sender's
    /// operator with delete permission may always do it; anyone may when the
    /// sender is critical, and then earns the flow's buffer.
    function deleteFlow(address token_, address sender, address receiver, bytes memory userData)
        external
        returns (bool)
    {
        _checkToken(token_);
        _deleteFlow(sender, receiver, userData);
        return true;
    }

    function grantPermissions(address token_, address flowOperator) external returns (bool) {
        return _setOperator(token_, flowOperator, AUTHORIZE_FULL_CONTROL, type(int96).max);
    }

    function revokePermissions(address token_, address flowOperator) external returns (bool) {
        return _setOperator(token_, flowOperator, 0, 0);
    }

    function updateFlowOperatorPermissions(
        address token_,
        address flowOperator,
        uint8 permissions,
        int96 flowrateAllowance
    ) external returns (bool) {
        return _setOperator(token_, flowOperator, permissions, flowrateAllowance);
    }

    function getFlowOperatorPermissions(address token_, address sender, address flowOperator)
        external
        view
        returns (uint8 permissions, int96 flowrateAllowance)
    {
        _checkToken(token_);
        OperatorData storage o = _operators[sender][flowOperator];
        return (o.permissions, o.flowrateAllowance);
    }

    // ---- internals --------------------------------------------------------

    function _setFlowrateFrom(address token_, address sender, address receiver, int96 flowrate)
        private
        returns (bool)
    {
        _checkToken(token_);
        if (flowrate < 0) revert InvalidFlowrate(flowrate);
        int96 current = _flows[_flowId(sender, receiver)].flowrate;
        if (flowrate == 0) {
            if (current != 0) _deleteFlow(sender, receiver, "");
            return true;
        }
        if (current == 0) {
            _authorize(sender, AUTHORIZE_FLOW_OPERATOR_CREATE, flowrate);
        } else if (flowrate != current) {
            _authorize(sender, AUTHORIZE_FLOW_OPERATOR_UPDATE, flowrate > current ? flowrate - current : int96(0));
        } else {
            return true;
        }
        _updateFlow(sender, receiver, flowrate, "");
        return true;
    }

    function _deleteFlow(address sender, address receiver, bytes memory userData) private {
        Flow storage f = _flows[_flowId(sender, receiver)];
        if (f.flowrate == 0) revert FlowNotFound(sender, receiver);
        bool byParty = msg.sender == sender || msg.sender == receiver
            || (_operators[sender][msg.sender].permissions & AUTHORIZE_FLOW_OPERATOR_DELETE) != 0;
        if (byParty) {
            _updateFlow(sender, receiver, 0, userData);
            return;
        }
        if (!isAccountCritical(sender, block.timestamp)) {
            revert NotAuthorized(msg.sender, sender, AUTHORIZE_FLOW_OPERATOR_DELETE);
        }
        // Liquidation: the liquidator earns this flow's share of what is left
        // of the sender's deposits, as Superfluid's solvent liquidation pays
        // (flow deposit × balance / total deposit): the sender's other flows
        // keep their share, so liquidating them one by one never drives the
        // sender negative while it still has a balance.
        Account storage s = _settle(sender);
        uint256 buffer = f.deposit;
        uint256 totalDeposit = s.deposit;
        int256 left = s.settledBalance;
        uint256 reward = left <= 0 || totalDeposit == 0 ? 0 : (uint256(left) * buffer) / totalDeposit;
        _updateFlow(sender, receiver, 0, userData); // settles both sides at the same time
        s.settledBalance -= reward.toInt256();
        _accounts[msg.sender].settledBalance += reward.toInt256();
        emit FlowLiquidated(sender, receiver, msg.sender, reward, s.settledBalance);
    }

    function _updateFlow(address sender, address receiver, int96 newRate, bytes memory userData) private {
        if (sender == address(0) || receiver == address(0)) revert ZeroAddress();
        if (sender == receiver) revert FlowToSelf(sender);
        Account storage s = _settle(sender);
        Account storage r = _settle(receiver);
        Flow storage f = _flows[_flowId(sender, receiver)];
        int96 oldRate = f.flowrate;
        uint256 newDeposit = newRate == 0 ? 0 : _buffer(newRate);

        s.netFlowrate = s.netFlowrate + oldRate - newRate;
        r.netFlowrate = r.netFlowrate + newRate - oldRate;
        s.deposit = s.deposit - f.deposit + newDeposit;
        f.flowrate = newRate;
        f.deposit = newDeposit;
        f.lastUpdated = uint64(block.timestamp);

        if (newRate > 0) {
            int256 available = s.settledBalance - s.deposit.toInt256();
            if (available < 0) revert InsufficientBalance(sender, available + newDeposit.toInt256(), newDeposit);
        }
        emit FlowUpdated(address(token), sender, receiver, newRate, s.netFlowrate, r.netFlowrate, userData);
        emit FlowUpdatedExtension(msg.sender, newDeposit);
    }

    function _authorize(address sender, uint8 permission, int96 rateIncrease) private {
        if (msg.sender == sender) return;
        OperatorData storage o = _operators[sender][msg.sender];
        if ((o.permissions & permission) == 0) revert NotAuthorized(msg.sender, sender, permission);
        if (o.flowrateAllowance == type(int96).max) return; // unlimited (grantPermissions)
        if (rateIncrease > o.flowrateAllowance) revert FlowrateAllowanceExceeded(o.flowrateAllowance, rateIncrease);
        o.flowrateAllowance -= rateIncrease;
    }

    function _setOperator(address token_, address flowOperator, uint8 permissions, int96 allowance)
        private
        returns (bool)
    {
        _checkToken(token_);
        if (flowOperator == address(0)) revert ZeroAddress();
        if (flowOperator == msg.sender) revert FlowToSelf(msg.sender);
        if (permissions > AUTHORIZE_FULL_CONTROL) revert InvalidPermissions(permissions);
        if (allowance < 0) revert InvalidFlowrate(allowance);
        _operators[msg.sender][flowOperator] = OperatorData(permissions, allowance);
        emit FlowOperatorUpdated(address(token), msg.sender, flowOperator, permissions, allowance);
        return true;
    }

    function _settle(address account) private returns (Account storage a) {
        a = _accounts[account];
        a.settledBalance = _balanceAt(a, block.timestamp);
        a.settledAt = uint64(block.timestamp);
    }

    function _balanceAt(Account storage a, uint256 timestamp) private view returns (int256) {
        if (timestamp <= a.settledAt) return a.settledBalance;
        return a.settledBalance + int256(a.netFlowrate) * int256(timestamp - a.settledAt);
    }

    function _buffer(int96 flowrate) private view returns (uint256) {
        return uint256(uint96(flowrate)) * liquidationPeriod;
    }

    function _checkToken(address token_) private view {
        if (token_ != address(token)) revert UnsupportedToken(token_, address(token));
    }

    function _flowId(address sender, address receiver) private pure returns (bytes32) {
        return keccak256(abi.encode(sender, receiver));
    }
}
