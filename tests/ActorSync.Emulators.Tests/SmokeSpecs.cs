namespace ActorSync.Emulators.Tests; public class SmokeSpecs { [Fact] public void Builds() => Assert.True(true); }
