package dev.vigil.alert.channel;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;
import dev.vigil.alert.model.NotificationBody;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Sends a plain-text email over the SMTP server configured for quarkus-mailer, to every
 * address of the channel's list.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final Mailer mailer;

    EmailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public Integer send(Channel channel, Notification notification, NotificationBody body) {
        Mail mail = new Mail()
                .setTo(EmailAddresses.split(channel.emailTo()))
                .setSubject("[Vigil] " + SlackSender.headline(body))
                .setText(text(body))
                .addHeader("X-Vigil-Alert-Id", body.alertId())
                .addHeader("X-Vigil-Idempotency-Key", notification.idempotencyKey());
        try {
            mailer.send(mail);
            return null;
        } catch (RuntimeException e) {
            throw new DeliveryException("SMTP delivery failed: "
                    + Secrets.redact(String.valueOf(e.getMessage()), channel), null);
        }
    }

    private static String text(NotificationBody body) {
        return body.message() + "\n\n"
                + "Rule: " + body.ruleName() + "\n"
                + "Severity: " + body.severity() + "\n"
                + "Subject: " + body.subject() + "\n"
                + "Observed: " + body.observedValue() + " (threshold " + body.threshold() + ")\n"
                + "Triggered at: " + body.triggeredAt() + "\n"
                + (body.resolvedAt() == null ? "" : "Resolved at: " + body.resolvedAt() + "\n")
                + "Alert: " + body.alertId() + "\n";
    }
}
