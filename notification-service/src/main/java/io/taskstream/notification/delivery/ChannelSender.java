package io.taskstream.notification.delivery;

/**
 * Sends one delivery over one channel. Implementations never throw for a failed send; they
 * classify it as a {@link SendResult} (an unexpected exception is treated as retryable).
 */
public interface ChannelSender {

    Channel channel();

    /** Whether this channel's endpoint is configured; rows of an unconfigured channel stay pending. */
    boolean configured();

    SendResult send(DeliveryJob job);
}
